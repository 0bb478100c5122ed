"""The writes people make in notifications: retrying a message, choosing which optional
messages to receive. Each is keyword-only, in a transaction, and logged."""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from notifications.models import Message, NotificationPreference
from notifications.outbox import schedule_delivery
from notifications.registry import get_kind

logger = logging.getLogger(__name__)

Status = Message.Status


@transaction.atomic
def message_retry(*, message: Message, by: Any) -> Message:
    """Put a failed (or waiting) message back in the queue now and schedule its delivery.

    The conditional UPDATE lets one click through; the delivery's own claim makes sure that
    even a retry racing a scheduled Celery retry sends the message once.
    """
    now = timezone.now()
    reset = Message.objects.filter(
        pk=message.pk, status__in=[Status.FAILED, Status.PENDING]
    ).update(status=Status.PENDING, next_attempt_at=now)
    if reset != 1:
        message.refresh_from_db(fields=["status"])
        raise ValidationError(
            f"This message is {message.get_status_display().lower()}; "
            "only a failed or waiting message can be retried."
        )
    schedule_delivery([message.pk])
    message.refresh_from_db(fields=["status", "next_attempt_at"])
    logger.info("%s retried message %s", by.pk, message.pk)
    return message


@transaction.atomic
def preference_set(*, user: Any, kind: str, enabled: bool) -> NotificationPreference:
    """Turn one optional kind on or off for a person. Kinds about a duty they owe cannot be
    turned off: a form that asks for it is refused, not obeyed."""
    if not get_kind(kind).optional:
        raise ValidationError(f"“{get_kind(kind).label}” cannot be turned off.")
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"enabled": enabled}
    )
    logger.info("%s turned %s %s", user.pk, kind, "on" if enabled else "off")
    return preference


@transaction.atomic
def preferences_update(*, user: Any, enabled: dict[str, bool]) -> None:
    """Save the whole preferences form: one row per optional kind it names."""
    for kind, on in enabled.items():
        preference_set(user=user, kind=kind, enabled=on)
