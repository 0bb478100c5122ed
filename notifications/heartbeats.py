"""Heartbeats: each worker and beat say they are alive; a silent one is an incident.

- A worker writes "worker@<host>" when it runs the `heartbeat` task (every minute from beat):
  that proves beat, broker and a worker together.
- Beat writes "beat@<host>" itself, on its own clock (notifications.beat), so a dead worker
  and a dead beat can be told apart.

A group ("worker", "beat") is silent once its newest row is as old as
NOTIFICATIONS_HEARTBEAT_STALE_SECONDS. With several workers, the heartbeat task reaches one of
them at a time, so one idle worker's row may age while the group is fine; the group's newest
row is what counts, and `celery -A config inspect ping` is the real per-worker check.

Who tells the program admins? Whatever process notices, once per incident (the incident is
identified by the last heartbeat before the silence):
- the sweep, through the `heartbeat_stale` reminder (notifications/reminders.py), while beat
  and a worker run but the other group is silent;
- beat, every minute, when the workers are silent: the alert waits in the outbox until a
  worker comes back to send it (nothing can send mail without a worker);
- the process that comes back, when it writes its heartbeat after a silence.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max

from notifications.creation import messages_create
from notifications.models import Heartbeat, Message
from notifications.recipients import program_admins
from notifications.registry import Due, kind

HEARTBEAT_STALE = kind(
    "heartbeat_stale", label="Alerts when a worker or beat stops (program admins)", optional=False
)
GROUPS = ("worker", "beat")


def is_stale(last_seen: datetime, now: datetime) -> bool:
    """A heartbeat this old means its process stopped (the page's warning, the alert)."""
    return now - last_seen >= stale_after()


def stale_after() -> timedelta:
    return timedelta(seconds=settings.NOTIFICATIONS_HEARTBEAT_STALE_SECONDS)


def group_of(name: str) -> str:
    return name.split("@", 1)[0]


@dataclass(frozen=True)
class Signal:
    """A group's newest heartbeat; None when no process of the group has reported yet."""

    group: str
    last_seen: datetime | None
    now: datetime

    @property
    def is_stale(self) -> bool:
        return self.last_seen is not None and is_stale(self.last_seen, self.now)

    @property
    def silent_since(self) -> datetime | None:
        return self.last_seen + stale_after() if self.last_seen else None


def signals(now: datetime, rows: list[Heartbeat] | None = None) -> list[Signal]:
    """The newest heartbeat of each group (from `rows` if given, else one query)."""
    if rows is None:
        rows = list(Heartbeat.objects.all())
    newest: dict[str, datetime] = {}
    for row in rows:
        group = group_of(row.name)
        if group not in newest or row.last_seen > newest[group]:
            newest[group] = row.last_seen
    return [Signal(group, newest.get(group), now) for group in GROUPS]


def incident_dues(signal: Signal, *, back_at: datetime | None = None) -> list[Due]:
    """The alert about one silent group, to every program admin; `back_at` when the group
    is already back (noticed by the process that returned)."""
    return [
        Due(
            kind=HEARTBEAT_STALE.name,
            recipient=admin,
            about=f"heartbeat:{signal.group}",
            due_at=signal.silent_since,
            context={"signal": signal, "back_at": back_at},
        )
        for admin in program_admins()
    ]


def heartbeat_record(*, name: str, now: datetime) -> list[Message]:
    """Record that process `name` is alive; if its group had gone silent, create the alert
    about that silence (it may be the first anyone notices it). Returns the alerts created,
    for the caller to schedule (this module starts no task: the task rule in the README)."""
    group = group_of(name)
    previous = Heartbeat.objects.filter(name__startswith=f"{group}@").aggregate(
        newest=Max("last_seen")
    )["newest"]
    Heartbeat.objects.update_or_create(name=name, defaults={"last_seen": now})
    signal = Signal(group, previous, now)
    if not signal.is_stale:
        return []
    return messages_create(incident_dues(signal, back_at=now))
