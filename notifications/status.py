"""Reads for the status page: a fixed number of queries however large the outbox grows."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q

from notifications.heartbeats import Signal, is_stale, signals
from notifications.models import Heartbeat, Message

Status = Message.Status

# Failures shown on the page; the counts above them say how many there are in all.
FAILURES_SHOWN = 50
# The sent messages the page counts: those of the last day (all of them would grow forever).
SENT_RECENTLY = timedelta(days=1)
UNSENT = [status for status in Status.values if status != Status.SENT]


@dataclass(frozen=True)
class HeartbeatRow:
    heartbeat: Heartbeat
    is_stale: bool


@dataclass(frozen=True)
class OutboxStatus:
    counts: dict[str, int]
    retrying: int
    oldest_waiting: Message | None
    failures: list[Message]
    heartbeats: list[HeartbeatRow]
    signals: list[Signal]

    @property
    def stale_signals(self) -> list[Signal]:
        return [signal for signal in self.signals if signal.is_stale]

    @property
    def silent_groups(self) -> list[Signal]:
        """Groups that never reported: no worker or no beat has run yet."""
        return [signal for signal in self.signals if signal.last_seen is None]


def outbox_status(now: datetime) -> OutboxStatus:
    """Four queries: the counts, the oldest waiting message, the failures, the heartbeats.

    None of them reads the sent rows of the past, which only grow: the unsent rows are
    counted and listed through the partial index of unsent rows, and the sent ones are
    those of the last day (`sent_recently`), through the partial index of sent rows by time.
    Counting the whole outbox by status read every row ever sent on each visit.
    """
    since = now - SENT_RECENTLY
    recent = Q(status=Status.SENT, sent_at__gte=since)
    counts = Message.objects.filter(~Q(status=Status.SENT) | recent).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in UNSENT},
        sent_recently=Count("pk", filter=recent),
        retrying=Count("pk", filter=Q(status=Status.PENDING) & ~Q(last_error="")),
    )
    retrying = counts.pop("retrying")
    oldest = (
        Message.objects.filter(status=Status.PENDING)
        .select_related("recipient")
        .order_by("created_at")
        .first()
    )
    failures = list(
        Message.objects.filter(status__in=[Status.FAILED, Status.PENDING])
        .filter(Q(status=Status.FAILED) | ~Q(last_error=""))
        .select_related("recipient")
        .order_by("-next_attempt_at")[:FAILURES_SHOWN]
    )
    rows = list(Heartbeat.objects.order_by("name"))
    heartbeats = [HeartbeatRow(row, is_stale(row.last_seen, now)) for row in rows]
    return OutboxStatus(
        counts=counts,
        retrying=retrying,
        oldest_waiting=oldest,
        failures=failures,
        heartbeats=heartbeats,
        signals=signals(now, rows),
    )
