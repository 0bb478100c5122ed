"""Stipend payments: which milestone authorizes which part, approval, holds and the export.

`authorize` is how a milestone (the start of coding, a settled midterm or final) makes its
payment: once per internship and milestone (a database constraint), with the share the
round's stipend split gives it; a milestone the split does not list, or lists at 0%, pays
nothing and makes no row.
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluations.models import Internship, Payment


def share_of(internship: Internship, milestone: str) -> int:
    for part in internship.participation.round.rules.stipend_split:
        if part["milestone"] == milestone:
            return part["percent"]
    return 0


def authorize(
    internship: Internship, milestone: str, *, held_because: str = "", at: datetime | None = None
) -> Payment | None:
    """The payment `milestone` authorizes for `internship`, made waiting for approval, or held
    with `held_because` (the reason shown to the intern and the admins). Made once: a second
    call (a sweep run twice, two at once) returns the first row unchanged."""
    percent = share_of(internship, milestone)
    if percent == 0:
        return None
    existing = Payment.objects.filter(internship=internship, milestone=milestone).first()
    if existing is not None:
        return existing
    status = Payment.Status.HELD if held_because else Payment.Status.WAITING
    try:
        with transaction.atomic():
            return Payment.objects.create(
                internship=internship,
                milestone=milestone,
                percent=percent,
                status=status,
                reason=held_because,
                created_at=at or timezone.now(),
            )
    except IntegrityError:
        # Made by another transaction between our look and our insert.
        return Payment.objects.get(internship=internship, milestone=milestone)
