import socket

from celery import shared_task
from django.utils import timezone

from notifications.models import Heartbeat


@shared_task
def heartbeat() -> None:
    """Beat schedules this every minute; a worker running it proves broker, beat and worker."""
    Heartbeat.objects.update_or_create(
        name=f"worker@{socket.gethostname()}", defaults={"last_seen": timezone.now()}
    )
