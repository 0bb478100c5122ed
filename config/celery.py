"""The Celery app. Tasks are discovered in each installed app's tasks.py."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("internships")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def ensure_filesystem_broker_folders(sender: Celery, **kwargs) -> None:
    """The embedded broker keeps its queue in folders it does not create itself. Runs once,
    when the configuration is first read, in web and worker processes alike."""
    if not str(sender.conf.broker_url).startswith("filesystem://"):
        return
    options = sender.conf.broker_transport_options
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
