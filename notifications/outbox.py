"""Putting messages in the outbox: every domain app may call these to enqueue an email.

`enqueue_dues` renders each message in its recipient's zone and creates its row once
(notifications.creation); the unique constraint on (kind, recipient, about, due_at,
dedupe_key) refuses a second row, so the same reminder enqueued twice (two sweeps, a retried
request) is created and sent once. Delivery is scheduled only after the transaction commits:
a rolled-back decision sends nothing, and the worker never looks for a row it cannot see yet.

This is a service that starts tasks, so it imports the tasks module (the task rule in the
README); the tasks import only modules that start none.
"""

import functools
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import transaction

from notifications import tasks
from notifications.creation import messages_create
from notifications.models import Message
from notifications.registry import Due


def schedule_delivery(message_pks: list[int]) -> None:
    """Send the messages after commit: one task per batch (tasks.deliver_in_batches).

    Not `deliver.delay_on_commit(...)`, because with the broker down its exception would
    surface in the request that made the decision, after its transaction committed. Here it
    is logged, and the rows stay pending for requeue_stuck to send.
    """
    if message_pks:
        transaction.on_commit(
            functools.partial(tasks.deliver_in_batches, list(message_pks)), robust=True
        )


@transaction.atomic
def enqueue_dues(dues: Iterable[Due]) -> list[Message]:
    """Create each due message and its copies (skipping inactive people, kinds turned off and
    messages that exist), schedule their delivery after commit; the ones created now."""
    created = messages_create(dues)
    schedule_delivery([message.pk for message in created])
    return created


def message_enqueue(
    *,
    kind: str,
    recipient: Any,
    about: str,
    due_at: datetime,
    context: Mapping[str, Any],
    dedupe_key: str = "",
) -> Message | None:
    """One message: created and scheduled, or None when it already existed (or the recipient
    cannot or does not want to receive it)."""
    due = Due(
        kind=kind,
        recipient=recipient,
        about=about,
        due_at=due_at,
        context=context,
        dedupe_key=dedupe_key,
    )
    created = enqueue_dues([due])
    return created[0] if created else None
