"""The site's URLs plus a stand-in for the intern's page (`evaluations:internship`, built by
the internships part), so a test can see the results box link to it once it exists."""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as site
from evaluations import urls as evaluations_urls


def internship(request, round_slug: str, pk: int) -> HttpResponse:
    return HttpResponse("An internship")


evaluations_with_internship = (
    [
        *evaluations_urls.urlpatterns,
        path("rounds/<slug:round_slug>/internships/<int:pk>/", internship, name="internship"),
    ],
    "evaluations",
)

urlpatterns = [p for p in site if getattr(p, "namespace", None) != "evaluations"] + [
    path("", include(evaluations_with_internship)),
]
