"""A program admin's decision on a phase: it locks the outcome (passed, passed with the
payment held, failed) with a reason, so no late evaluation or clock changes it. Also how a
round whose rule is "a program admin decides" gets its decision.

Once per phase (a database constraint): a decision is not edited here; the Django admin is
where a mistaken one is mended, recorded there. A phase is decided while the internship
waits on it: the midterm while it is active, the final once it passed the midterm. The
settle sweep then acts on it at once (called here, in the same transaction), so the status
and the payment follow before the page comes back.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluations import permissions
from evaluations.models import Decision, EvaluationPhase, Internship
from evaluations.services import settling
from evaluations.services.internships import REASON_MAX, lock
from evaluations.services.outcome import PhaseOutcome, phase_rows
from people.models import User
from programs.roles import roles_in

# The status an internship has while it waits on each phase.
WAITS_ON = {
    EvaluationPhase.MIDTERM: Internship.Status.ACTIVE,
    EvaluationPhase.FINAL: Internship.Status.MIDTERM_PASSED,
}


def computed(internship: Internship, phase: str, now: datetime) -> PhaseOutcome:
    """The phase's outcome as the site computes it now (what the decision would replace)."""
    row = phase_rows([internship], now=now)[0]
    return row.midterm if phase == EvaluationPhase.MIDTERM else row.final


@transaction.atomic
def decide(
    *,
    internship: Internship,
    phase: str,
    outcome: str,
    reason: str,
    by: User,
    at: datetime | None = None,
) -> Decision:
    """Lock `phase`'s outcome for `internship`, then settle it at once."""
    if not permissions.may_decide(roles_in(by, internship.participation)):
        raise ValidationError("Only program admins decide an evaluation's outcome.")
    if phase not in EvaluationPhase.values:
        raise ValidationError("Decide the midterm or the final.")
    if outcome not in Decision.Outcome.values:
        raise ValidationError("Choose passed, passed with the payment held, or failed.")
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            "Say why: the reason is required, and the internship's people read it."
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(f"The reason may be at most {REASON_MAX} characters.")
    locked = lock(internship)
    at = at or timezone.now()  # under the lock, after any settling it waited for
    if Decision.objects.filter(internship=locked, phase=phase).exists():
        raise ValidationError(
            f"The {EvaluationPhase(phase).label.lower()} is decided already: a decision is "
            "not changed here."
        )
    if locked.status != WAITS_ON[phase]:
        raise ValidationError(
            f"This internship is {locked.get_status_display().lower()}: the "
            f"{EvaluationPhase(phase).label.lower()} is not waiting for a decision."
        )
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                internship=locked, phase=phase, outcome=outcome, by=by, at=at, reason=reason
            )
    except IntegrityError:
        # Another admin decided in the instant between our look and our insert.
        raise ValidationError(
            f"The {EvaluationPhase(phase).label.lower()} was decided by someone else just now."
        ) from None
    settling.settle_one(locked.pk, at)
    internship.refresh_from_db()
    return decision
