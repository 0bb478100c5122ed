"""The notifications app's own reminder: tell program admins when a worker or beat went
silent (see notifications.heartbeats for who notices and when)."""

from collections.abc import Iterator
from datetime import datetime

from notifications.heartbeats import incident_dues, signals
from notifications.registry import Due, reminder


@reminder
def heartbeat_stale(now: datetime) -> Iterator[Due]:
    for signal in signals(now):
        if signal.is_stale:
            yield from incident_dues(signal)
