"""Making outbox rows directly, for the tests of delivery and the status page."""

from datetime import UTC, datetime

import time_machine

from notifications.models import Message

DUE = datetime(2027, 2, 12, 18, 0, tzinfo=UTC)


def message_for(recipient, *, about="test:1", kind="round_deadline", at=DUE, **fields) -> Message:
    """A rendered message as the outbox creates it `at` that instant (default: pending)."""
    values = {
        "subject": f"[Internships] Reminder about {about}",
        "text": "Hello,\n\nA reminder.\n",
        "html": "<p>A reminder.</p>",
        "due_at": DUE,
        "next_attempt_at": at,
        **fields,
    }
    with time_machine.travel(at, tick=False):
        return Message.objects.create(kind=kind, recipient=recipient, about=about, **values)
