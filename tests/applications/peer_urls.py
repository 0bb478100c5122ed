"""The site's URLs (with the benchmark's floor page, so the benchmark's harness test can use it
too), plus a stand-in for each page of the layout (applications/urls.py) that
is not routed yet, so the pages that link to them by name render in tests. A stand-in is made
only for a name the real URLs lack: once the page lands, its own route is used."""

from django.http import Http404
from django.urls import include, path

from applications import urls as applications_urls
from benchmarks.urls import FLOOR_URL, floor
from config.urls import urlpatterns as site_urlpatterns

A = "rounds/<slug:round_slug>/application/"
LAYOUT = {
    "application_form": f"{A}eligibility/",
    "contributions": f"{A}contributions/",
    "proposal": f"{A}proposals/<int:pk>/",
}


def _not_here(request, **kwargs):
    raise Http404


def _stand_ins():
    routed = {pattern.name for pattern in applications_urls.urlpatterns}
    return [
        path(route, _not_here, name=name) for name, route in LAYOUT.items() if name not in routed
    ]


urlpatterns = [
    path(FLOOR_URL.strip("/") + "/", floor),
    path("", include(([*applications_urls.urlpatterns, *_stand_ins()], "applications"))),
    *[p for p in site_urlpatterns if getattr(p, "namespace", None) != "applications"],
]
