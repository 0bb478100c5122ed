from django.urls import path
from django.views.generic import TemplateView

# Placeholders until the public pages land; replace them, keeping the names.
urlpatterns = [
    path("", TemplateView.as_view(template_name="base.html"), name="home"),
]
