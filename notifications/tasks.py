"""Celery tasks: a few lines each, taking ids and calling the notifications' work.

The top of the app (the task rule in the README): the tasks import the modules that do the
work (delivery, due, heartbeats), none of which starts a task; the services that start one
(outbox, sweep, services) import this module. So there is no import loop, and no import
hidden inside a function to dodge one.

Beat runs `heartbeat` every minute, `sweep` and `requeue_stuck` every five (settings.py).
"""

import logging
import socket

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.utils import timezone

from notifications.delivery import messages_deliver, stuck_messages
from notifications.due import due_messages_create
from notifications.heartbeats import heartbeat_record

logger = logging.getLogger(__name__)


def deliver_in_batches(message_pks: list[int]) -> None:
    """Publish one `deliver` task per NOTIFICATIONS_BATCH_SIZE messages.

    With the broker down this logs and gives up: the rows stay pending, and requeue_stuck
    sends them once the broker is back.
    """
    size = settings.NOTIFICATIONS_BATCH_SIZE
    try:
        for start in range(0, len(message_pks), size):
            deliver.delay(message_pks[start : start + size])
    except Exception:
        logger.exception("Could not publish delivery of %s messages", len(message_pks))


@shared_task
def heartbeat() -> None:
    """Beat schedules this every minute; a worker running it proves broker, beat and worker."""
    alerts = heartbeat_record(name=f"worker@{socket.gethostname()}", now=timezone.now())
    deliver_in_batches([alert.pk for alert in alerts])


@shared_task
def deliver(message_pks: list[int] | int) -> dict[str, int]:
    """Send a batch of outbox messages over one connection; retry the failures with back-off
    (one task per wait) until no attempts are left; how many ended how.

    The attempts are counted on the rows, not by Celery, so a message re-queued by
    requeue_stuck or by the status page's retry button keeps its count. A single id is a task
    published before batches existed.
    """
    pks = [message_pks] if isinstance(message_pks, int) else message_pks
    batch = messages_deliver(pks=pks)
    for wait, retried in batch.retries().items():
        deliver.apply_async(args=[retried], countdown=wait)
    deliver_in_batches(batch.ids("released"))
    return batch.counts()


@shared_task
def sweep() -> int:
    """Ask every app's reminders what is due now, create it and send it; how many were new.

    The same as notifications.sweep.sweep_once, which this module may not import: the rows
    are committed, so their delivery is published at once.
    """
    created = due_messages_create(timezone.now())
    deliver_in_batches([message.pk for message in created])
    return len(created)


@shared_task
def requeue_stuck() -> int:
    """Re-queue messages whose task was lost or whose worker died while sending."""
    stuck = stuck_messages(timezone.now())
    deliver_in_batches(stuck)
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
