"""Celery tasks: a few lines each, taking ids and calling the notifications services.

Beat runs `heartbeat` every minute, `sweep` and `requeue_stuck` every five (settings.py).
"""

import logging
import socket

from celery import shared_task
from celery.signals import worker_ready
from django.utils import timezone

from notifications.delivery import message_deliver, stuck_messages
from notifications.heartbeats import heartbeat_record
from notifications.sweep import sweep_once

logger = logging.getLogger(__name__)


@shared_task
def heartbeat() -> None:
    """Beat schedules this every minute; a worker running it proves broker, beat and worker."""
    heartbeat_record(name=f"worker@{socket.gethostname()}", now=timezone.now())


@shared_task(bind=True, max_retries=None)
def deliver(self, message_pk: int) -> str:
    """Send one outbox message; on a failure, retry with back-off until no attempts are left.

    The attempts are counted on the row, not by Celery, so a message re-queued by
    requeue_stuck or by the status page's retry button keeps its count.
    """
    outcome = message_deliver(pk=message_pk)
    if outcome.result == "retry":
        raise self.retry(countdown=outcome.retry_in)
    return outcome.result


@shared_task
def sweep() -> int:
    """Ask every app's reminders what is due now and enqueue it; returns how many were new."""
    return len(sweep_once(timezone.now()))


@shared_task
def requeue_stuck() -> int:
    """Re-queue messages whose task was lost or whose worker died while sending."""
    stuck = stuck_messages(timezone.now())
    for pk in stuck:
        deliver.delay(pk)
    if stuck:
        logger.warning("Re-queued %s stuck messages", len(stuck))
    return len(stuck)


@worker_ready.connect
def report_and_sweep_when_a_worker_starts(sender, **kwargs) -> None:
    """Beat's first ticks come one interval after it starts; a worker that has just come up
    (after a deploy, or `make run`) shows itself on the status page and sends what fell due
    meanwhile at once. Both are idempotent, so several workers starting together do no harm."""
    heartbeat.delay()
    sweep.delay()
