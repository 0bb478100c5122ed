"""The settle sweep: where a phase's computed outcome becomes the internship's status, its
payments and, at the end, its certificate.

Every five minutes (beat, `evaluations.tasks.internships_settle`), for each running
internship:
- once coding started, the "start" share of the stipend is authorized;
- a phase is settled (`outcome.SETTLED`: passed, passed with the payment held, failed) and
  acted on once its window has closed, or at once when a program admin locked it with a
  decision. The mentors' result alone, a fail too, waits for the window to close: the intern
  may still add their evaluation, and reads the result only then (a status "failed" days
  early would tell them what the evaluation pages keep from them until the close).
  - midterm passed or held -> "passed the midterm", the midterm share authorized (held with
    the outcome's why);
  - final passed or held -> "completed", the final share authorized, the certificate issued;
  - failed -> "failed"; nothing more is authorized (payments already made stay).

Each internship is handled in its own transaction with its row locked and its outcome
computed again from what the lock lets it see, so two sweeps at once (or a sweep and a
withdrawal) act once: the second finds the status moved and does nothing. Running the sweep
twice is running it once: every step checks the status first, `authorize` makes a payment
once per milestone, and `certificates.issue` a certificate once.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from evaluations.models import (
    Decision,
    EvaluationPhase,
    Internship,
    Payment,
)
from evaluations.services import certificates, payments
from evaluations.services.internships import change_status
from evaluations.services.outcome import PhaseOutcome, State, phase_rows
from programs.rules import StipendMilestone

logger = logging.getLogger(__name__)

# What each phase moves a running internship to when it passes.
PASSED_TO = {
    EvaluationPhase.MIDTERM: Internship.Status.MIDTERM_PASSED,
    EvaluationPhase.FINAL: Internship.Status.COMPLETED,
}
# The phase a running status waits on.
PHASE_OF = {
    Internship.Status.ACTIVE: EvaluationPhase.MIDTERM,
    Internship.Status.MIDTERM_PASSED: EvaluationPhase.FINAL,
}


@dataclass(frozen=True)
class Settled:
    """What the sweep did to one internship: a status change, or only the start payment."""

    internship_id: int
    phase: str
    state: str
    to: str


def acts_on(outcome: PhaseOutcome, now: datetime) -> bool:
    """Whether the sweep moves the internship on this outcome now."""
    if not outcome.settled:
        return False
    return outcome.locked or outcome.closes is None or outcome.closes <= now


def candidates(now: datetime):
    """Running internships the sweep may have something to do for, each annotated with
    `phase_due` (the phase it waits on closed or was locked by a program admin) and
    `start_paid`: coding started and either the phase is due or no start payment exists yet.
    Whether the round's split has a start share at all is the rules' (read in Python)."""
    decided = Decision.objects.filter(internship=OuterRef("pk"))
    started = Payment.objects.filter(internship=OuterRef("pk"), milestone=StipendMilestone.START)
    midterm = Q(status=Internship.Status.ACTIVE) & (
        Q(midterm_closes__lte=now) | Exists(decided.filter(phase=EvaluationPhase.MIDTERM))
    )
    final = Q(status=Internship.Status.MIDTERM_PASSED) & (
        Q(final_closes__lte=now) | Exists(decided.filter(phase=EvaluationPhase.FINAL))
    )
    return (
        Internship.objects.running()
        .filter(starts_at__lte=now)
        .annotate(
            phase_due=ExpressionWrapper(midterm | final, output_field=BooleanField()),
            start_paid=Exists(started),
        )
        .filter(Q(phase_due=True) | Q(start_paid=False))
        .select_related("participation__round__rules")
        .order_by("pk")
    )


def due_ids(now: datetime) -> list[int]:
    """The internships to lock and settle: one query. An internship whose only gap is a
    start share its round's split does not have is left out (it would be every sweep)."""
    return [
        internship.pk
        for internship in candidates(now).only("pk", "participation__round__rules__stipend_split")
        if internship.phase_due or payments.share_of(internship, StipendMilestone.START)
    ]


def sweep(now: datetime) -> list[Settled]:
    """Settle every internship that is due at `now`; what was done. One internship's error is
    logged and the others are still settled (the next sweep tries it again)."""
    done: list[Settled] = []
    for internship_id in due_ids(now):
        try:
            done.extend(settle_one(internship_id, now))
        except Exception:
            logger.exception("Settling internship %s failed", internship_id)
    return done


def _locked(internship_id: int) -> Internship:
    # `of=self`: only the internship's row is locked, not its round's or rules' rows that
    # every other internship of the round reads too.
    return (
        Internship.objects.select_for_update(of=("self",))
        .select_related("participation__round__rules", "intern")
        .get(pk=internship_id)
    )


@transaction.atomic
def settle_one(internship_id: int, now: datetime) -> list[Settled]:
    """Settle one internship at `now`, its row locked: the start payment, then its phases in
    order (a sweep that was down for weeks moves an internship through both)."""
    internship = _locked(internship_id)
    done: list[Settled] = []
    if not internship.is_running:
        return done
    if now >= internship.starts_at and payments.share_of(internship, "start"):
        payments.authorize(internship, StipendMilestone.START, at=now)
    while internship.is_running:
        phase = PHASE_OF[internship.status]
        row = phase_rows([internship], now=now)[0]
        outcome = row.midterm if phase == EvaluationPhase.MIDTERM else row.final
        if not acts_on(outcome, now):
            break
        done.append(_act(internship, outcome, now))
    return done


def _act(internship: Internship, outcome: PhaseOutcome, now: datetime) -> Settled:
    phase = outcome.phase
    if outcome.state == State.FAILED:
        to = Internship.Status.FAILED
        change_status(internship=internship, to=to, by=None, reason=_reason(phase, outcome), at=now)
        return Settled(internship.pk, phase, outcome.state, to)
    to = PASSED_TO[phase]
    change_status(internship=internship, to=to, by=None, reason=_reason(phase, outcome), at=now)
    held = outcome.why if outcome.state == State.HELD else ""
    payments.authorize(internship, phase, held_because=held, at=now)
    if to == Internship.Status.COMPLETED:
        certificates.issue(internship, now)
    return Settled(internship.pk, phase, outcome.state, to)


def _reason(phase: str, outcome: PhaseOutcome) -> str:
    return f"{EvaluationPhase(phase).label} evaluation: {outcome.why}"
