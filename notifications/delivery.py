"""Sending messages from the outbox, a batch at a time: claim, send over one SMTP connection
outside any transaction, record. Starts no task: `notifications.tasks.deliver` calls this and
schedules the retries it asks for (the task rule in the README).

How often can a message go out?

- Never twice because of two workers, a duplicate task or a redelivered one: a worker sends
  only the rows it claimed with ONE statement, an UPDATE of the rows among its batch that are
  pending (or sending with a claim older than the stale window). On PostgreSQL its subquery
  locks them FOR UPDATE SKIP LOCKED, so a second worker passes over rows being claimed and
  re-checks the condition on any it waited for; on SQLite the database has one writer and
  the statement runs in an IMMEDIATE transaction. Either way a row is claimed by one worker,
  and the others learn it is "skipped" (tests/notifications/test_claim_race.py).
- Never lost: a task that never ran (broker lost it, worker died before starting) leaves the
  rows pending, and a worker that died while sending leaves its rows "sending" with an old
  claim; `requeue_stuck` re-queues both.
- Twice at one single instant, and only then: once the whole message has reached the mail
  server, if the process dies (or the server's answer is lost and the send fails with a
  timeout) before the row is marked sent, the row is claimed or retried and sent again. SMTP
  gives no way to ask the server "did you already take this?", so delivery is at-least-once
  at that instant and exactly-once everywhere else. That is why each message is marked sent
  as soon as the server took it, not with the rest of its batch: a worker dying in the middle
  of a batch re-sends only the message in flight (tests/notifications/test_delivery_crash.py,
  test_smtp_batch.py). Each mark is committed before the next message's content is written
  (notifications.marks: the database works on it while the mail server answers the next
  MAIL, RCPT and DATA), without waiting for PostgreSQL to flush it to disk (a flush costs as
  much as sending a message); a dying worker loses none of them, and only a crash of the
  database server itself in the fraction of a second before its next flush could forget a
  mark and send that message again. A message sent twice carries the same Message-ID both
  times (it is built with its row), so a receiver that drops duplicates drops it.
- Not at all to someone who no longer wants it: the people's state is read again after the
  claim, so a retry never reaches a deactivated account or a kind turned off meanwhile
  (one query for the batch: the recipients with the rows, and their preferences).
- To the address the person has when it is sent: the email is built with its row
  (notifications.creation), and built again to the new address if it changed since.

The stale window (NOTIFICATIONS_CLAIM_STALE_SECONDS) must be longer than a send can take
(EMAIL_TIMEOUT), or a slow but living send would be claimed a second time; a batch stops
starting sends once its claim is older than the window less one timeout, and gives the rest
back (`released`) to be sent by a fresh task.
"""

import contextlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications import composing
from notifications.marks import SentMarks, marks_without_waiting_for_the_disk
from notifications.models import Message
from notifications.recipients import muted
from notifications.smtp import Envelope, envelope, recipient, sender
from notifications.smtp import send as smtp_send

logger = logging.getLogger(__name__)

Status = Message.Status


def stale_after() -> timedelta:
    return timedelta(seconds=settings.NOTIFICATIONS_CLAIM_STALE_SECONDS)


def backoff(attempts: int) -> int:
    """Seconds before the next try after `attempts` failed ones: 30, 60, 120 ... at most 600."""
    return min(600, 30 * 2 ** max(0, attempts - 1))


@dataclass(frozen=True)
class Outcome:
    """What one delivery attempt did to one message: "sent", "skipped", "withdrawn",
    "retry" (in `retry_in` seconds), "failed" (no attempts left) or "released" (claimed but
    not tried: the batch ran out of time)."""

    result: str
    error: str = ""
    retry_in: int = 0


@dataclass
class BatchOutcome:
    """What a batch did, message by message."""

    outcomes: dict[int, Outcome] = field(default_factory=dict)

    def ids(self, result: str) -> list[int]:
        return [pk for pk, outcome in self.outcomes.items() if outcome.result == result]

    def retries(self) -> dict[int, list[int]]:
        """The messages to try again, by seconds to wait."""
        waits: dict[int, list[int]] = defaultdict(list)
        for pk, outcome in self.outcomes.items():
            if outcome.result == "retry":
                waits[outcome.retry_in].append(pk)
        return dict(waits)

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = defaultdict(int)
        for outcome in self.outcomes.values():
            counted[outcome.result] += 1
        return dict(counted)


def _claimable(now: datetime) -> tuple[str, list]:
    adapt = connection.ops.adapt_datetimefield_value
    return (
        "(status = %s OR (status = %s AND claimed_at <= %s))",
        [Status.PENDING, Status.SENDING, adapt(now - stale_after())],
    )


def messages_claim(*, pks: list[int], now: datetime) -> list[int]:
    """Take for sending the rows among `pks` that nobody else has and that are not done, in
    one statement; the ids this worker got (the others are someone else's, or finished)."""
    if not pks:
        return []
    table = connection.ops.quote_name(Message._meta.db_table)
    pk = connection.ops.quote_name(Message._meta.pk.column)
    claimable, claimable_params = _claimable(now)
    lock = (
        " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    )
    adapt = connection.ops.adapt_datetimefield_value
    ids = ", ".join(["%s"] * len(pks))
    chosen = (
        f"SELECT {pk} FROM {table} WHERE {pk} IN ({ids}) "  # noqa: S608
        f"AND {claimable} ORDER BY {pk} LIMIT %s{lock}"
    )
    # On PostgreSQL the rows are chosen (and locked) once, as an array: with `id IN (SELECT
    # ...)` the planner, misled by statistics that say hardly any row waits, joined the update
    # to the locking subquery row by row and ran it again for each (377,000 buffers and
    # 290 ms to claim 500 rows, an eighth of a batch's time).
    where = (
        f"{pk} = ANY(ARRAY({chosen}))"
        if connection.vendor == "postgresql"
        else f"{pk} IN ({chosen})"
    )
    # Names come from the model and every value is a parameter.
    sql = (
        f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1, "  # noqa: S608
        f"next_attempt_at = %s WHERE {where} AND {claimable} RETURNING {pk}"
    )
    params = [
        Status.SENDING,
        adapt(now),
        adapt(now + stale_after()),
        *pks,
        *claimable_params,
        len(pks),
        *claimable_params,
    ]
    # On SQLite, transaction_mode IMMEDIATE takes the write lock before the statement reads.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(pk for (pk,) in cursor.fetchall())


# What sending reads of a row and its recipient (not the recipient's other columns, whose
# loading would cost more per message than the SMTP client's work).
SENDING_FIELDS = [
    "kind",
    "recipient_id",
    "attempts",
    "subject",
    "text",
    "html",
    "address",
    "email_bytes",
    "recipient__email",
    "recipient__is_active",
]


def _email(message: Message, mail: BaseEmailBackend | None = None) -> EmailMultiAlternatives:
    """Built now, to the recipient's address of now (the backends other than SMTP, and rows
    without their email built)."""
    return composing.email(message, address=message.recipient.email, connection=mail)


def _envelope(message: Message, from_address: str) -> Envelope:
    """What the mail server receives: the email built with the row, unless the recipient's
    address changed since (then it is built again, to the new address).

    A plain ASCII address is its own SMTP form, so the usual case compares two strings and
    parses nothing (parsing an address costs a tenth of the whole sending)."""
    built_for, address = message.address, message.recipient.email
    if message.email_bytes and (built_for == address or built_for == recipient(address)):
        return Envelope(from_address, [built_for], bytes(message.email_bytes))
    return envelope(_email(message))


def message_send(*, message: Message, mail: BaseEmailBackend | None = None) -> None:
    """Hand the rendered message to the mail backend (SMTP in production), on the open
    connection `mail` if given. Raises on failure."""
    _email(message, mail).send()


def _ours(pks: list[int], claimed_at: datetime):
    """The rows among `pks` still under our claim (nobody re-claimed them meanwhile)."""
    return Message.objects.filter(pk__in=pks, status=Status.SENDING, claimed_at=claimed_at)


def _failure(message: Message, error: str) -> Outcome:
    if message.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        logger.error("Message %s failed after %s attempts: %s", message.pk, message.attempts, error)
        return Outcome("failed", error=error)
    logger.warning("Message %s attempt %s failed: %s", message.pk, message.attempts, error)
    return Outcome("retry", error=error, retry_in=backoff(message.attempts))


def _record_unsent(batch: BatchOutcome, claimed_at: datetime) -> None:
    """Write the failures, withdrawals and released rows in bulk: one UPDATE per kind of
    result (and error, and wait), guarded by our claim."""
    now = timezone.now()
    groups: dict[tuple, list[int]] = defaultdict(list)
    for pk, outcome in batch.outcomes.items():
        if outcome.result in ("retry", "failed", "withdrawn", "released"):
            groups[(outcome.result, outcome.error, outcome.retry_in)].append(pk)
    for (result, error, retry_in), pks in groups.items():
        rows = _ours(pks, claimed_at)
        if result == "withdrawn":
            rows.update(status=Status.WITHDRAWN)
        elif result == "released":
            # Never tried: back to waiting, the attempt the claim counted given back.
            rows.update(status=Status.PENDING, attempts=F("attempts") - 1, next_attempt_at=now)
        else:
            rows.update(
                status=Status.FAILED if result == "failed" else Status.PENDING,
                last_error=error[:2000],
                next_attempt_at=now + timedelta(seconds=retry_in),
            )


def _send_all(messages: list[Message], claimed_at: datetime, batch: BatchOutcome) -> None:
    """Send `messages` over one connection, recording each as sent before the next one can be
    accepted by the server, so at most one is ever sent and not recorded.

    On SMTP the record of one message and the building of the next are done while the server
    reads the next one (notifications.smtp); on other backends (the console, the tests'),
    one after the other. A failed message is kept for a retry and the connection opened again
    for the next; if it cannot be, the rest of the batch waits for its retry too. Past the
    batch's time (see the module's docstring) the messages not started are released.
    """
    send_until = claimed_at + stale_after() - timedelta(seconds=settings.EMAIL_TIMEOUT)
    mail = get_connection()
    broken = _reopen(mail, close_first=False)
    unrecorded: list[int] = []  # the message sent last, until its mark is started
    marks = SentMarks(claimed_at)

    def record_previous() -> None:
        while unrecorded:
            marks.start(unrecorded.pop())

    built: dict[int, Envelope] = {}
    from_address = sender()

    def build(message: Message | None) -> None:
        if message is not None:
            with contextlib.suppress(Exception):  # built again, raising, when its turn comes
                built[message.pk] = _envelope(message, from_address)

    # Each mark committed before the next message can be accepted; the last one too, even
    # when an error stops the batch (the database connection is then left idle).
    with marks_without_waiting_for_the_disk(), marks:
        for index, message in enumerate(messages):
            if broken:
                batch.outcomes[message.pk] = _failure(message, broken)
                continue
            if timezone.now() >= send_until:
                batch.outcomes[message.pk] = Outcome("released")
                continue
            following = messages[index + 1] if index + 1 < len(messages) else None
            try:
                if isinstance(mail, SMTPBackend):
                    smtp_send(
                        mail.connection,
                        built.pop(message.pk, None) or _envelope(message, from_address),
                        while_mail=record_previous,
                        before_data=marks.finish,
                        while_data=lambda following=following: build(following),
                    )
                else:
                    record_previous()
                    marks.finish()
                    message_send(message=message, mail=mail)
            except DatabaseError:
                raise  # recording failed, not sending: the batch stops, its claims go stale
            except Exception as error:  # kept on the row and shown on the status page
                logger.exception("Sending message %s failed", message.pk)
                batch.outcomes[message.pk] = _failure(message, f"{type(error).__name__}: {error}")
                broken = _reopen(mail)
                continue
            unrecorded.append(message.pk)
            batch.outcomes[message.pk] = Outcome("sent")
        record_previous()

    with contextlib.suppress(Exception):  # every message is recorded; a failing QUIT is not news
        mail.close()


def _reopen(mail: BaseEmailBackend, *, close_first: bool = True) -> str:
    """A fresh connection (after a failure, the old one may be broken); the error if none."""
    if close_first:
        with contextlib.suppress(Exception):
            mail.close()
    try:
        mail.open()
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return ""


def messages_deliver(*, pks: list[int]) -> BatchOutcome:
    """One delivery attempt of the messages `pks`.

    1. Claim the rows with one statement; the ones another worker has, or that are sent
       already, are "skipped".
    2. Withdraw, in bulk, the messages whose recipient was deactivated or turned the kind off
       since they were queued.
    3. Send the rest over one SMTP connection, outside any transaction (the claim is already
       committed), so a slow mail server holds no lock and a crash leaves a visible claim
       behind; mark each sent as soon as the server took it, guarded by our own claim.
    4. Record the failures in bulk: pending again for a retry with back-off, or failed when
       no attempts are left.
    """
    now = timezone.now()
    claimed = messages_claim(pks=list(dict.fromkeys(pks)), now=now)
    batch = BatchOutcome({pk: Outcome("skipped") for pk in pks})
    if not claimed:
        return batch
    messages = list(
        Message.objects.filter(pk__in=claimed)
        .select_related("recipient")
        .only(*SENDING_FIELDS)
        .order_by("pk")
    )
    off = muted({(message.recipient_id, message.kind) for message in messages})
    to_send = []
    for message in messages:
        if not message.recipient.is_active or (message.recipient_id, message.kind) in off:
            batch.outcomes[message.pk] = Outcome("withdrawn")
        else:
            to_send.append(message)
    _send_all(to_send, now, batch)
    _record_unsent(batch, now)
    return batch


def message_deliver(*, pk: int) -> Outcome:
    """One delivery attempt of one message: a batch of one."""
    return messages_deliver(pks=[pk]).outcomes[pk]


def stuck_messages(now: datetime) -> list[int]:
    """Rows to send again: pending ones whose task was lost (or whose retry is long due),
    and sending ones whose claim is older than the stale window (the worker died)."""
    lost = Q(
        status=Status.PENDING,
        next_attempt_at__lte=now - timedelta(seconds=settings.NOTIFICATIONS_LOST_SECONDS),
    )
    abandoned = Q(status=Status.SENDING, next_attempt_at__lte=now)
    return list(
        Message.objects.filter(lost | abandoned)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[: settings.NOTIFICATIONS_REQUEUE_BATCH]
    )
