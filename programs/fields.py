from django import forms
from django.db import models


class HttpsURLField(models.URLField):
    """A URL field whose forms read a bare "example.org" as https://, today's default and
    Django 6's (which warns until each form field says so)."""

    def formfield(self, **kwargs):
        return super().formfield(
            **{"assume_scheme": "https", "form_class": forms.URLField, **kwargs}
        )
