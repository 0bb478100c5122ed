"""The sweep: ask every registered reminder what is due now, and enqueue what is new.

Beat runs it every five minutes (`notifications.tasks.sweep`); `manage.py reminders_sweep`
runs it once or, with --dry-run, only says what it would enqueue. Running it twice, or on two
workers at once, enqueues each message once: the outbox's unique constraint decides.
"""

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from notifications.models import Message, NotificationPreference
from notifications.outbox import enqueue_dues
from notifications.registry import Due, get_kind, reminders, without_covered

logger = logging.getLogger(__name__)


def _identity(due: Due) -> tuple:
    return (due.kind, due.recipient.pk, due.about, due.due_at, due.dedupe_key)


def due_now(now: datetime) -> list[Due]:
    """Everything every reminder says is due at `now`, copies included, less what a duty
    reminder already covers (registry.without_covered).

    A reminder that raises is logged and skipped: one app's bug must not stop the others'.
    """
    due: list[Due] = []
    for name, function in reminders().items():
        try:
            for item in function(now):
                due.extend(item.copies())
        except Exception:
            logger.exception("Reminder %s failed; the others still run", name)
    return without_covered(due)


@dataclass(frozen=True)
class Planned:
    """A due message and what the sweep does with it: "new" (enqueue), "queued" (it exists),
    "muted" (the person turned the kind off) or "inactive" (the account is disabled)."""

    due: Due
    state: str


def plan(now: datetime) -> list[Planned]:
    """What is due now and what would happen to each, in three queries plus the reminders'.

    The outbox is checked in bulk first, so the messages enqueued by earlier sweeps (nearly
    all of them) cost nothing more; the new ones are checked again when they are inserted.
    """
    due = due_now(now)
    if not due:
        return []
    existing = set(
        Message.objects.filter(
            kind__in={d.kind for d in due}, due_at__in={d.due_at for d in due}
        ).values_list("kind", "recipient_id", "about", "due_at", "dedupe_key")
    )
    muted = set(
        NotificationPreference.objects.filter(
            enabled=False,
            kind__in={d.kind for d in due if get_kind(d.kind).optional},
            user_id__in={d.recipient.pk for d in due},
        ).values_list("user_id", "kind")
    )
    planned = []
    for item in due:
        if _identity(item) in existing:
            state = "queued"
        elif not item.recipient.is_active:
            state = "inactive"
        elif (item.recipient.pk, item.kind) in muted:
            state = "muted"
        else:
            state = "new"
        planned.append(Planned(item, state))
    return planned


def _new(planned: list[Planned]) -> Iterator[Due]:
    seen = set()
    for item in planned:
        if item.state == "new" and _identity(item.due) not in seen:
            seen.add(_identity(item.due))
            yield item.due


def sweep_once(now: datetime) -> list[Message]:
    """Enqueue every new due message (each in its own short transaction); the ones created.

    Copies are already expanded by `plan`, so each row is enqueued on its own.
    """
    created = enqueue_dues(_new(plan(now)))
    if created:
        logger.info("Sweep at %s enqueued %s messages", now.isoformat(), len(created))
    return created
