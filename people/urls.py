from django.urls import path
from django.views.generic import TemplateView

app_name = "people"

# Placeholder until the profile page lands; replace it, keeping the name.
urlpatterns = [
    path("profile/", TemplateView.as_view(template_name="base.html"), name="profile"),
]
