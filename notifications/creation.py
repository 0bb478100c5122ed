"""Creating outbox rows in bulk, each identity once. Starts no task: `notifications.outbox`
and the tasks schedule the delivery of what this creates (the task rule in the README).

`messages_create` costs a fixed number of queries however many messages it makes: one for
the preferences, one for the messages that exist already, and one INSERT per chunk of rows.
The INSERT skips the rows whose identity exists (ON CONFLICT DO NOTHING, on PostgreSQL and
SQLite alike) and returns the ids of the rows it created, so two sweeps creating the same
reminders at once each learn which rows are theirs, and between them every message is
created once: the unique constraint decides, not a check that both could pass.
"""

import logging
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from notifications.composing import email
from notifications.models import Message
from notifications.recipients import muted
from notifications.registry import Due
from notifications.rendering import render_message
from notifications.smtp import as_sent, recipient

logger = logging.getLogger(__name__)

# Rows per INSERT: 13 columns each stays far below SQLite's and PostgreSQL's parameter limits.
CHUNK = 500

Identity = tuple[str, int, str, datetime, str]


def identity(due: Due) -> Identity:
    return (due.kind, due.recipient.pk, due.about, due.due_at, due.dedupe_key)


def _wanted(dues: Iterable[Due]) -> list[Due]:
    """Each identity once (copies expanded), to active people who did not turn its kind off,
    and not yet in the outbox; sorted, so two parallel inserts take their locks in one order
    and never deadlock."""
    unique: dict[Identity, Due] = {}
    for due in dues:
        for one in due.copies():
            if one.recipient.is_active:
                unique.setdefault(identity(one), one)
    if not unique:
        return []
    off = muted({(due.recipient.pk, due.kind) for due in unique.values()})
    existing = set(
        Message.objects.filter(
            kind__in={key[0] for key in unique},
            recipient_id__in={key[1] for key in unique},
            due_at__in={key[3] for key in unique},
        ).values_list("kind", "recipient_id", "about", "due_at", "dedupe_key")
    )
    return [
        unique[key]
        for key in sorted(unique, key=lambda key: (*key[:3], key[3].isoformat(), key[4]))
        if key not in existing and (key[1], key[0]) not in off
    ]


def _rendered(due: Due, now: datetime) -> Message:
    """The row, with its email built to send (what a worker would otherwise do per message
    while sending: the MIME parts, the signed List-Unsubscribe link, the Message-ID)."""
    rendered = render_message(kind=due.kind, recipient=due.recipient, context=due.context)
    message = Message(
        kind=due.kind,
        recipient=due.recipient,
        about=due.about,
        due_at=due.due_at,
        dedupe_key=due.dedupe_key,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        next_attempt_at=now,
        created_at=now,
        address=recipient(due.recipient.email),
    )
    built = email(message, address=due.recipient.email, opt_out=rendered.opt_out_url)
    message.email_bytes = as_sent(built)
    return message


def _insert_new(rows: list[Message]) -> list[int]:
    """INSERT the rows, skipping those whose identity exists; the ids of the inserted ones.

    Django's bulk_create(ignore_conflicts=True) cannot say which rows it inserted, so this is
    the one statement written out: the columns and values are Django's own (get_db_prep_save).
    """
    fields = [field for field in Message._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    params = [
        field.get_db_prep_save(field.pre_save(message, add=True), connection)
        for message in rows
        for field in fields
    ]
    # Names come from the model and every value is a parameter.
    sql = (
        f"INSERT INTO {quote(Message._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES {', '.join([row] * len(rows))} "
        f"ON CONFLICT DO NOTHING RETURNING {quote(Message._meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def messages_create(dues: Iterable[Due]) -> list[Message]:
    """Create the messages of `dues` (and their copies) that are new; the created ones, by id.

    1. Keep each identity once, to active people who did not turn its kind off, and not in
       the outbox yet (checked in bulk before rendering, the costly part).
    2. Render each in the recipient's zone, and build its email as the mail server will
       receive it (notifications.composing).
    3. Insert them all, skipping any a parallel sweep inserted meanwhile.
    4. Read back the rows this call created.
    """
    now = timezone.now()
    wanted = _wanted(dues)
    created_ids: list[int] = []
    for chunk in _chunks(wanted, CHUNK):
        created_ids.extend(_insert_new([_rendered(due, now) for due in chunk]))
    if not created_ids:
        return []
    recipients = {due.recipient.pk: due.recipient for due in wanted}
    created = list(Message.objects.filter(pk__in=created_ids).order_by("pk"))
    for message in created:
        message.recipient = recipients[message.recipient_id]
    logger.info("Created %s messages", len(created))
    return created
