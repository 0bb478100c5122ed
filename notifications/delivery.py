"""Sending a message from the outbox: claim, send outside any transaction, record.

How often can a message go out?

- Never twice because of two workers, a duplicate task or a redelivered one: a worker sends
  only after claiming the row with ONE conditional UPDATE (pending, or sending with a claim
  older than the stale window); the database lets exactly one claim through, the others
  return "skipped".
- Never lost: a task that never ran (broker lost it, worker died before starting) leaves the
  row pending, and a worker that died while sending leaves it "sending" with an old claim;
  `requeue_stuck` re-queues both.
- Twice at one single instant, and only then: once the whole message has reached the mail
  server, if the process dies (or the server's answer is lost and the send fails with a
  timeout) before the row is marked sent, the row is claimed or retried and sent again. SMTP
  gives no way to ask the server "did you already take this?", so delivery is at-least-once
  at that instant and exactly-once everywhere else. tests/notifications/test_delivery_crash.py
  shows both cases.
- Not at all to someone who no longer wants it: the person's state is read again after the
  claim, so a retry never reaches a deactivated account or a kind turned off meanwhile.

The stale window (NOTIFICATIONS_CLAIM_STALE_SECONDS) must be longer than a send can take
(EMAIL_TIMEOUT), or a slow but living send would be claimed a second time.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone

from notifications.links import opt_out_url
from notifications.models import Message
from notifications.outbox import is_muted
from notifications.registry import get_kind

logger = logging.getLogger(__name__)

Status = Message.Status


def stale_after() -> timedelta:
    return timedelta(seconds=settings.NOTIFICATIONS_CLAIM_STALE_SECONDS)


def backoff(attempts: int) -> int:
    """Seconds before the next try after `attempts` failed ones: 30, 60, 120 ... at most 600."""
    return min(600, 30 * 2 ** max(0, attempts - 1))


@dataclass(frozen=True)
class Outcome:
    """What one delivery attempt did: "sent", "skipped", "retry" (in `retry_in` seconds) or
    "failed" (no attempts left)."""

    result: str
    error: str = ""
    retry_in: int = 0


def message_claim(*, pk: int, now: datetime) -> bool:
    """Take the row for sending, or learn that someone else has it (or it is done)."""
    claimable = Q(status=Status.PENDING) | Q(
        status=Status.SENDING, claimed_at__lte=now - stale_after()
    )
    claimed = Message.objects.filter(claimable, pk=pk).update(
        status=Status.SENDING,
        claimed_at=now,
        attempts=F("attempts") + 1,
        next_attempt_at=now + stale_after(),
    )
    return claimed == 1


def _headers(message: Message) -> dict[str, str]:
    headers = {"X-Internships-Kind": message.kind}
    if get_kind(message.kind).optional:
        # RFC 8058: mail clients may offer their own unsubscribe button, which POSTs here.
        url = opt_out_url(user_pk=message.recipient_id, kind=message.kind)
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def message_send(*, message: Message) -> None:
    """Hand the rendered message to the mail backend (SMTP in production). Raises on failure."""
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        to=[message.recipient.email],
        headers=_headers(message),
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    email.send()


def _record_failure(message: Message, claimed_at: datetime, error: str) -> Outcome:
    now = timezone.now()
    if message.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        status, retry_in = Status.FAILED, 0
    else:
        status, retry_in = Status.PENDING, backoff(message.attempts)
    Message.objects.filter(pk=message.pk, status=Status.SENDING, claimed_at=claimed_at).update(
        status=status,
        last_error=error[:2000],
        next_attempt_at=now + timedelta(seconds=retry_in),
    )
    if status == Status.FAILED:
        logger.error("Message %s failed after %s attempts: %s", message.pk, message.attempts, error)
        return Outcome("failed", error=error)
    logger.warning("Message %s attempt %s failed: %s", message.pk, message.attempts, error)
    return Outcome("retry", error=error, retry_in=retry_in)


def message_deliver(*, pk: int) -> Outcome:
    """One delivery attempt of message `pk`.

    1. Claim the row with one conditional UPDATE; if no row matched, another worker has it or
       it is already sent: "skipped".
    2. Send it, outside any transaction (the claim is already committed), so a slow mail
       server holds no lock and a crash leaves a visible claim behind.
    3. Mark it sent, guarded by our own claim (status sending, our claimed_at); or, on
       failure, store the error and put it back to pending for a retry with back-off, or
       failed when no attempts are left.
    """
    now = timezone.now()
    if not message_claim(pk=pk, now=now):
        return Outcome("skipped")
    message = Message.objects.select_related("recipient").get(pk=pk)
    if not message.recipient.is_active or is_muted(recipient=message.recipient, kind=message.kind):
        Message.objects.filter(pk=pk, status=Status.SENDING, claimed_at=now).update(
            status=Status.WITHDRAWN
        )
        return Outcome("withdrawn")
    try:
        message_send(message=message)
    except Exception as error:  # any failure: kept on the row and shown on the status page
        logger.exception("Sending message %s failed", pk)
        return _record_failure(message, now, f"{type(error).__name__}: {error}")
    marked = Message.objects.filter(pk=pk, status=Status.SENDING, claimed_at=now).update(
        status=Status.SENT, sent_at=timezone.now()
    )
    if marked != 1:
        # Our claim went stale and someone else claimed the row meanwhile: it may go twice.
        logger.warning("Message %s was re-claimed while being sent by this worker", pk)
    return Outcome("sent")


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
