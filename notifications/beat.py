"""Celery beat's scheduler, recording beat's own heartbeat on its own clock.

Without this, beat's liveness could only be seen through a task it schedules, and a dead
worker would look the same as a dead beat. Settings: CELERY_BEAT_SCHEDULER points here.
"""

import logging
import socket
from datetime import datetime

from celery.beat import PersistentScheduler
from django.db import close_old_connections
from django.utils import timezone

from notifications.heartbeats import heartbeat_record, incident_dues, signals
from notifications.outbox import enqueue_dues, schedule_delivery

logger = logging.getLogger(__name__)

RECORD_EVERY_SECONDS = 60


class HeartbeatScheduler(PersistentScheduler):
    """The default file-backed scheduler, plus "beat@<host>" written once a minute, and the
    alert about silent workers enqueued as soon as beat sees it (a worker sends it on return).
    """

    _last_recorded: datetime | None = None

    def tick(self, *args, **kwargs):
        interval = super().tick(*args, **kwargs)
        now = timezone.now()
        if self._last_recorded is None or (now - self._last_recorded).total_seconds() >= (
            RECORD_EVERY_SECONDS
        ):
            self._last_recorded = now
            self.record(now)
        return min(interval, RECORD_EVERY_SECONDS)

    def record(self, now: datetime) -> None:
        # Beat must keep scheduling even when the database is down for a moment: log and go on.
        close_old_connections()
        try:
            alerts = heartbeat_record(name=f"beat@{socket.gethostname()}", now=now)
            schedule_delivery([alert.pk for alert in alerts])
            for signal in signals(now):
                if signal.group == "worker" and signal.is_stale:
                    enqueue_dues(incident_dues(signal))
        except Exception:
            logger.exception("Beat could not record its heartbeat")
