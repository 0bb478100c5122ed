"""Putting messages in the outbox: every domain app may call these to enqueue an email.

`message_enqueue` renders the message in the recipient's zone and creates its row once; the
unique constraint on (kind, recipient, about, due_at, dedupe_key) refuses a second row, so
the same reminder enqueued twice (two sweeps, a retried request) is created and sent once.
Delivery is scheduled only after the transaction commits: a rolled-back decision sends
nothing, and the worker never looks for a row it cannot see yet.
"""

import functools
import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.models import Message, NotificationPreference
from notifications.registry import Due, get_kind
from notifications.rendering import render_message

logger = logging.getLogger(__name__)


def is_muted(*, recipient: Any, kind: str) -> bool:
    """True when the person turned this kind off (only optional kinds can be)."""
    if not get_kind(kind).optional:
        return False
    return NotificationPreference.objects.filter(user=recipient, kind=kind, enabled=False).exists()


def schedule_delivery(message_pk: int) -> None:
    """Send the message after commit.

    Not `deliver.delay_on_commit(pk)` (Celery 5.7 has it on Django tasks, verified), because
    that callback is not robust: with the broker down, the exception would surface in the
    request that made the decision, after its transaction committed. Here it is logged, and
    the row stays pending for requeue_stuck to send.
    """
    from notifications.tasks import deliver  # tasks import this module

    transaction.on_commit(functools.partial(deliver.delay, message_pk), robust=True)


@transaction.atomic
def message_enqueue(
    *,
    kind: str,
    recipient: Any,
    about: str,
    due_at: datetime,
    context: Mapping[str, Any],
    dedupe_key: str = "",
) -> Message | None:
    """Create the message and schedule its delivery; None when it already existed (or the
    recipient cannot or does not want to receive it).

    1. Skip inactive people and optional kinds the person turned off.
    2. Skip a message that exists already, before spending time on rendering it.
    3. Render subject, text and HTML in the recipient's zone.
    4. Insert it; if a parallel sweep inserted it first, the database refuses ours
       (the constraint) and we return None, as in ON CONFLICT DO NOTHING.
    5. Schedule delivery after commit.
    """
    if not recipient.is_active or is_muted(recipient=recipient, kind=kind):
        return None
    identity = {
        "kind": kind,
        "recipient": recipient,
        "about": about,
        "due_at": due_at,
        "dedupe_key": dedupe_key,
    }
    if Message.objects.filter(**identity).exists():
        return None
    rendered = render_message(kind=kind, recipient=recipient, context=context)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                **identity,
                subject=rendered.subject,
                text=rendered.text,
                html=rendered.html,
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:
        # Another sweep created the same message between our check and our insert.
        return None
    schedule_delivery(message.pk)
    logger.info("Enqueued %s to user %s about %s", kind, recipient.pk, about)
    return message


def enqueue_dues(dues: Iterable[Due]) -> list[Message]:
    """Enqueue each due message and its copies; the ones created now, in order."""
    created = []
    for due in dues:
        for one in due.copies():
            message = message_enqueue(
                kind=one.kind,
                recipient=one.recipient,
                about=one.about,
                due_at=one.due_at,
                context=one.context,
                dedupe_key=one.dedupe_key,
            )
            if message is not None:
                created.append(message)
    return created
