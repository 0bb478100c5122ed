"""Stipend payments: which milestone authorizes which part, approval, holds and the export.

`authorize` is how a milestone (the start of coding, a settled midterm or final) makes its
payment: once per internship and milestone (a database constraint), with the share the
round's stipend split gives it; a milestone the split does not list, or lists at 0%, pays
nothing and makes no row.

A program admin then approves it (or holds it with the reason, and releases it later), and
`export` takes the round's approved payments into one CSV, each payment in exactly one.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluations import reminders
from evaluations.models import Internship, Payment, PaymentExport
from notifications.outbox import enqueue_dues
from people.models import User
from programs.models import Round


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


# === A program admin's work: approve, hold, release, export ===================================
#
# Who acts: program admins only (the program pays). Each change locks the payments' rows
# first, so an approval, a hold and an export of the same payment made at once happen one
# after the other and the later sees the earlier (a payment held while it is being exported
# is either in the export, and the hold refused, or held, and left for the next export).
#
# Withdrawn and failed internships: nothing is cancelled by itself. A payment is authorized
# by a milestone the intern reached (coding started, an evaluation passed), so it stays due
# when the internship later ends early or fails; later milestones are never authorized (the
# settle lane's sweep authorizes running internships only). The payments page shows each
# internship's status beside its payment, so a program admin whose program decides otherwise
# holds it, with the reason, like any other.

REASON_MAX = 2000
# One POST approves at most this many (a page of the list holds fewer).
APPROVE_MAX = 200


def require_program_admin(by: User) -> None:
    if not (by.is_authenticated and by.runs_programs):
        raise ValidationError("Only program admins approve, hold, release and export payments.")


def of_round(round_: Round):
    return Payment.objects.filter(internship__participation__round=round_)


def _locked(round_: Round, pk: int) -> Payment:
    """The payment's row, locked until the transaction ends, read again so a change made
    meanwhile (an approval, an export) is seen."""
    try:
        return (
            of_round(round_)
            .select_for_update(of=("self",))
            .select_related(
                "internship__intern",
                "internship__participation__round",
                "internship__participation__organization",
            )
            .get(pk=pk)
        )
    except Payment.DoesNotExist:
        raise ValidationError("There is no such payment in this round.") from None


@dataclass(frozen=True)
class Approval:
    approved: list[int]
    # Chosen but no longer waiting when the approval came (held, approved or exported
    # meanwhile by another admin): left as they were.
    skipped: list[int]


@transaction.atomic
def approve(
    *, round_: Round, payment_ids: list[int], by: User, at: datetime | None = None
) -> Approval:
    """Approve the chosen payments of `round_` that wait for approval; the others chosen are
    left as they stand (reported as skipped). Refused when none of them waits."""
    require_program_admin(by)
    ids = sorted(set(payment_ids))
    if not ids:
        raise ValidationError("Choose the payments to approve.")
    if len(ids) > APPROVE_MAX:
        raise ValidationError(f"Approve at most {APPROVE_MAX} payments at once.")
    at = at or timezone.now()
    # Locked in the order of their keys, so two approvals of overlapping sets never deadlock.
    rows = list(
        of_round(round_)
        .select_for_update(of=("self",))
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "status")
    )
    waiting = [pk for pk, status in rows if status == Payment.Status.WAITING]
    if not waiting:
        raise ValidationError("None of the chosen payments waits for approval any more.")
    Payment.objects.filter(pk__in=waiting).update(
        status=Payment.Status.APPROVED, approved_by=by, approved_at=at, reason=""
    )
    return Approval(approved=waiting, skipped=[pk for pk in ids if pk not in set(waiting)])


@transaction.atomic
def hold(
    *, round_: Round, payment_id: int, by: User, reason: str, at: datetime | None = None
) -> Payment:
    """Hold a payment waiting for approval, or approved and not yet exported, with the reason
    (shown to the intern and the admins, and sent to the intern). An exported payment has
    left: it cannot be held."""
    require_program_admin(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the payment is held: the intern and the admins read it.")
    if len(reason) > REASON_MAX:
        raise ValidationError(f"The reason may be at most {REASON_MAX} characters.")
    payment = _locked(round_, payment_id)
    if payment.export_id is not None:
        raise ValidationError("This payment is exported already: it can no longer be held.")
    if payment.status not in (Payment.Status.WAITING, Payment.Status.APPROVED):
        raise ValidationError(
            f"This payment is {payment.get_status_display().lower()}: only a payment waiting "
            "for approval or approved can be held."
        )
    payment.status = Payment.Status.HELD
    payment.reason = reason
    payment.approved_by = None
    payment.approved_at = None
    payment.save(update_fields=["status", "reason", "approved_by", "approved_at"])
    enqueue_dues(reminders.payment_held(payment, at or timezone.now()))  # sent after commit
    return payment


@transaction.atomic
def release(*, round_: Round, payment_id: int, by: User) -> Payment:
    """A held payment goes back to waiting for approval (its reason no longer applies)."""
    require_program_admin(by)
    payment = _locked(round_, payment_id)
    if payment.status != Payment.Status.HELD:
        raise ValidationError(
            f"This payment is {payment.get_status_display().lower()}: only a held payment "
            "can be released."
        )
    payment.status = Payment.Status.WAITING
    payment.reason = ""
    payment.save(update_fields=["status", "reason"])
    return payment


def claim_exportable(round_: Round) -> list[int]:
    """The round's approved payments not yet exported, their rows locked for this
    transaction. Rows another transaction holds (an export under way, a hold being made) are
    skipped, not waited for: that transaction either exports them or changes them, and the
    next export takes whatever is left. So two exports at once never claim the same payment.
    (SQLite, which writes one transaction at a time, ignores the lock.)"""
    return list(
        of_round(round_)
        .filter(status=Payment.Status.APPROVED, export__isnull=True)
        .select_for_update(skip_locked=True, of=("self",))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def export(*, round_: Round, by: User, at: datetime | None = None) -> PaymentExport:
    """Every approved payment of `round_` not yet exported, marked with a new export (each
    payment is in exactly one). Refused when there is none."""
    require_program_admin(by)
    ids = claim_exportable(round_)
    if not ids:
        raise ValidationError("No approved payment of this round waits for an export.")
    made = PaymentExport.objects.create(
        round=round_, by=by, at=at or timezone.now(), count=len(ids)
    )
    Payment.objects.filter(pk__in=ids).update(export=made)
    made.payment_ids = ids
    return made
