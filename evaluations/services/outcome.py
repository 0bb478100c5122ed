"""What a phase of an internship comes to: computed from its evaluations, its round's rules
and the clock, never typed in. A program admin's `Decision` locks it.

The rules, in the order they apply to one phase (midterm or final):
1. A program admin's decision is the outcome, whatever else happens ("locked").
2. "Not asked": any phase of an internship withdrawn before that phase closed (whatever was
   submitted); the final after a failed midterm (unless the internship is past the midterm by
   its status: what the midterm settled to stands, even if the rules were edited since); a
   phase of an internship failed before it closed with no mentors' evaluation in.
3. Before the window opens: "upcoming".
4. The mentors' evaluation, when in: a fail is "failed"; a pass is "passed", unless the
   intern's evaluation is required and missing: then "awaiting" while the window is open and,
   once it closed, what the round's rule on a missing intern evaluation says (fails,
   holds the payment, or a program admin decides).
5. No mentors' evaluation: "awaiting" while the window is open; once it closed, what the
   round's rule on a missing mentor evaluation says when it is required, and otherwise the
   intern's side alone decides as in 4 (a phase nobody owes anything for passes).

`outcome_of` is a pure function of what it is given: pages and dashboards load evaluations
and decisions for a page of internships in one query each (`phase_rows`) and call it per
row, so a dashboard makes the same queries for 10 internships as for 5,000.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import models

from evaluations.models import Decision, Evaluation, EvaluationPhase, Internship
from programs.rules import MissingEvaluation, RuleSet


class State(models.TextChoices):
    UPCOMING = "upcoming", "Not open yet"
    AWAITING = "awaiting", "Awaiting evaluations"
    PASSED = "passed", "Passed"
    HELD = "held", "Passed, payment held"
    FAILED = "failed", "Failed"
    ADMIN_DECIDES = "admin_decides", "A program admin decides"
    NOT_ASKED = "not_asked", "Not asked for"


# States that settle the phase: the internship's status and its payments follow them.
SETTLED = frozenset({State.PASSED, State.HELD, State.FAILED})

RULE_STATE = {
    MissingEvaluation.FAILS: State.FAILED,
    MissingEvaluation.HOLDS_PAYMENT: State.HELD,
    MissingEvaluation.ADMIN_DECIDES: State.ADMIN_DECIDES,
}


@dataclass(frozen=True)
class PhaseOutcome:
    phase: str
    state: State
    # Why, in a sentence a person reads on the dashboard and in the outcome email.
    why: str
    mentor: Evaluation | None = None
    intern: Evaluation | None = None
    decision: Decision | None = None
    opens: datetime | None = None
    closes: datetime | None = None
    # Which sides still owe their evaluation ("mentor", "intern") while the window is open,
    # or never gave it once it closed.
    missing: tuple[str, ...] = ()

    @property
    def locked(self) -> bool:
        return self.decision is not None

    @property
    def settled(self) -> bool:
        return self.state in SETTLED

    @property
    def passed(self) -> bool:
        return self.state in (State.PASSED, State.HELD)


def window(internship: Internship, phase: str) -> tuple[datetime, datetime]:
    if phase == EvaluationPhase.MIDTERM:
        return internship.midterm_opens, internship.midterm_closes
    return internship.final_opens, internship.final_closes


def required(rules: RuleSet, phase: str, side: str) -> bool:
    """Whether the round's rules ask `side` ("mentor" or "intern") for the `phase` evaluation."""
    return bool(getattr(rules, f"{side}_{phase}_required"))


def outcome_of(
    internship: Internship,
    phase: str,
    *,
    rules: RuleSet,
    evaluations: Iterable[Evaluation],
    decision: Decision | None,
    now: datetime,
    midterm: "PhaseOutcome | None" = None,
) -> PhaseOutcome:
    """The outcome of `phase` for `internship`. `evaluations` may hold the internship's
    evaluations of any phase (the others are ignored); for the final, `midterm` is the
    midterm's outcome when the caller has it (computed here otherwise, from the same rows)."""
    evaluations = [e for e in evaluations if e.internship_id == internship.pk]
    mine = {e.side: e for e in evaluations if e.phase == phase}
    mentor, intern = mine.get(Evaluation.Side.MENTOR), mine.get(Evaluation.Side.INTERN)
    opens, closes = window(internship, phase)
    found = {
        "mentor": mentor,
        "intern": intern,
        "decision": decision,
        "opens": opens,
        "closes": closes,
    }
    if decision is not None:
        return PhaseOutcome(
            phase,
            State(decision.outcome),
            f"Decided by a program admin: {decision.reason}",
            **found,
        )
    if internship.status == Internship.Status.WITHDRAWN and (
        internship.status_changed_at is None or internship.status_changed_at < closes
    ):
        # Ended before this phase closed: whatever was submitted, nothing is settled or told.
        return PhaseOutcome(
            phase,
            State.NOT_ASKED,
            "The internship was withdrawn before this evaluation closed.",
            **found,
        )
    # Once the internship passed the midterm, the final is asked for: the status is what the
    # midterm settled to, even if the rules were edited since and would read it otherwise.
    midterm_settled = internship.status in (
        Internship.Status.MIDTERM_PASSED,
        Internship.Status.COMPLETED,
    )
    if phase == EvaluationPhase.FINAL and mentor is None and not midterm_settled:
        if midterm is None:
            midterm = outcome_of(
                internship,
                EvaluationPhase.MIDTERM,
                rules=rules,
                evaluations=evaluations,
                decision=None,
                now=now,
            )
        if midterm is not None and midterm.state == State.FAILED:
            return PhaseOutcome(phase, State.NOT_ASKED, "The midterm was failed.", **found)
    if (
        mentor is None
        and internship.status == Internship.Status.FAILED
        and (internship.status_changed_at is None or internship.status_changed_at < closes)
    ):
        return PhaseOutcome(
            phase,
            State.NOT_ASKED,
            f"The internship was {internship.get_status_display().lower()} before this "
            "evaluation closed.",
            **found,
        )
    if now < opens:
        return PhaseOutcome(phase, State.UPCOMING, "The evaluation window has not opened.", **found)
    is_open = now < closes
    owed = tuple(
        side
        for side, given in (("mentor", mentor), ("intern", intern))
        if given is None and required(rules, phase, side)
    )
    if mentor is not None and not mentor.passed:
        return PhaseOutcome(phase, State.FAILED, "The mentors' evaluation is a fail.", **found)
    if mentor is None and "mentor" in owed:
        if is_open:
            return PhaseOutcome(
                phase, State.AWAITING, "Waiting for the mentors' evaluation.", missing=owed, **found
            )
        return PhaseOutcome(
            phase,
            RULE_STATE[MissingEvaluation(rules.missing_mentor_evaluation)],
            "The mentors' evaluation never came: "
            f"{MissingEvaluation(rules.missing_mentor_evaluation).label.lower()}.",
            missing=owed,
            **found,
        )
    if "intern" in owed:
        if is_open:
            return PhaseOutcome(
                phase, State.AWAITING, "Waiting for the intern's evaluation.", missing=owed, **found
            )
        return PhaseOutcome(
            phase,
            RULE_STATE[MissingEvaluation(rules.missing_intern_evaluation)],
            "The intern's evaluation never came: "
            f"{MissingEvaluation(rules.missing_intern_evaluation).label.lower()}.",
            missing=owed,
            **found,
        )
    if mentor is None and is_open:
        # Nothing is required of anyone, yet the mentors may still speak until it closes.
        return PhaseOutcome(phase, State.AWAITING, "The window is open.", **found)
    why = "The mentors' evaluation is a pass." if mentor else "No evaluation was required."
    return PhaseOutcome(phase, State.PASSED, why, **found)


@dataclass(frozen=True)
class PhaseRow:
    """Both phases of one internship."""

    internship: Internship
    midterm: PhaseOutcome
    final: PhaseOutcome


def both_phases(
    internship: Internship,
    *,
    rules: RuleSet,
    evaluations: Iterable[Evaluation],
    decisions: dict[str, Decision],
    now: datetime,
) -> PhaseRow:
    """Both outcomes of one internship from rows already read (no query): the midterm's,
    then the final's, which reads it. `decisions` by phase."""
    evaluations = list(evaluations)
    midterm = outcome_of(
        internship,
        EvaluationPhase.MIDTERM,
        rules=rules,
        evaluations=evaluations,
        decision=decisions.get(EvaluationPhase.MIDTERM),
        now=now,
    )
    final = outcome_of(
        internship,
        EvaluationPhase.FINAL,
        rules=rules,
        evaluations=evaluations,
        decision=decisions.get(EvaluationPhase.FINAL),
        now=now,
        midterm=midterm,
    )
    return PhaseRow(internship, midterm, final)


def phase_rows(internships: list[Internship], *, now: datetime) -> list[PhaseRow]:
    """Both outcomes of each internship of a page, in two queries whatever their number
    (evaluations, decisions); `internships` must have `participation__round__rules` loaded
    (select_related) so the rules cost nothing per row."""
    ids = [i.pk for i in internships]
    evaluations: dict[int, list[Evaluation]] = {}
    for evaluation in Evaluation.objects.filter(internship_id__in=ids).select_related(
        "submitted_by"
    ):
        evaluations.setdefault(evaluation.internship_id, []).append(evaluation)
    decisions: dict[int, dict[str, Decision]] = {}
    for decision in Decision.objects.filter(internship_id__in=ids):
        decisions.setdefault(decision.internship_id, {})[decision.phase] = decision
    return [
        both_phases(
            internship,
            rules=internship.participation.round.rules,
            evaluations=evaluations.get(internship.pk, []),
            decisions=decisions.get(internship.pk, {}),
            now=now,
        )
        for internship in internships
    ]
