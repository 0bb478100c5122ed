"""Production settings (run with DEBUG=false and its required variables) for a subprocess that
fetches pages without collectstatic: only the static files' storage differs."""

from config.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
