"""What is due now: ask every registered reminder, tell the new messages from the ones
already queued, and create the new ones. Starts no task (the task rule in the README):
`notifications.sweep` and the `sweep` task schedule the delivery of what this creates.
"""

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from notifications.creation import identity, messages_create
from notifications.models import Message
from notifications.recipients import muted
from notifications.registry import Due, reminders, without_covered

logger = logging.getLogger(__name__)


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
    off = muted({(d.recipient.pk, d.kind) for d in due})
    planned = []
    for item in due:
        if identity(item) in existing:
            state = "queued"
        elif not item.recipient.is_active:
            state = "inactive"
        elif (item.recipient.pk, item.kind) in off:
            state = "muted"
        else:
            state = "new"
        planned.append(Planned(item, state))
    return planned


def _new(planned: list[Planned]) -> Iterator[Due]:
    for item in planned:
        if item.state == "new":
            yield item.due


def due_messages_create(now: datetime) -> list[Message]:
    """Create every new due message, in bulk and in one transaction; the ones created."""
    created = messages_create(_new(plan(now)))
    if created:
        logger.info("Sweep at %s created %s messages", now.isoformat(), len(created))
    return created
