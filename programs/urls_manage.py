from django.urls import path
from django.views.generic import TemplateView

# Placeholder until the program admin pages land; replace it, keeping the name.
urlpatterns = [
    path("manage/", TemplateView.as_view(template_name="base.html"), name="manage"),
]
