"""`outcome.outcome_of` as SQL: each phase's state (and whether someone's evaluation is
missing) as a CASE expression, so the dashboards filter on a computed state in the database
and page there, instead of computing every internship of the round in Python to keep one page.

The CASE lists `outcome_of`'s rules in the same order, one WHEN each; the round's rules are
constants for one round's table, so what they choose (which sides are required, what a
missing evaluation means) picks the WHENs, not the database. tests/evaluations/
test_outcome_sql.py holds the two to the same answer over every combination of status,
evaluations, decisions, rules and moment.
"""

from datetime import datetime

from django.db.models import BooleanField, Case, CharField, Count, F, Max, Q, QuerySet, Value, When

from evaluations.models import Evaluation, EvaluationPhase, Internship
from evaluations.services.outcome import RULE_STATE, State, required
from programs.rules import MissingEvaluation, RuleSet

PAST_MIDTERM = (Internship.Status.MIDTERM_PASSED, Internship.Status.COMPLETED)


def _ended_before(status: str, closes: str) -> Q:
    return Q(status=status) & (Q(status_changed_at__isnull=True) | Q(status_changed_at__lt=closes))


def _flag(phase: str, side: str, **more) -> Count:
    """How many of the internship's evaluations of `phase` by `side` (0 or 1): counted over
    a join, once per internship, not a subquery per row and rule."""
    condition = Q(
        evaluations__phase=phase,
        evaluations__side=side,
        **{f"evaluations__{name}": value for name, value in more.items()},
    )
    return Count("evaluations", filter=condition, distinct=True)


def with_evidence(queryset: QuerySet[Internship]) -> QuerySet[Internship]:
    """Each internship's evaluations and decisions as flags, from one join of each grouped
    by internship (PostgreSQL ran a dozen correlated subqueries per row otherwise: a second
    for a round of 2,000)."""
    flags = {}
    for phase in EvaluationPhase.values:
        flags[f"{phase}_mentor_in"] = _flag(phase, Evaluation.Side.MENTOR)
        flags[f"{phase}_mentor_passed"] = _flag(
            phase, Evaluation.Side.MENTOR, result=Evaluation.Result.PASS
        )
        flags[f"{phase}_intern_in"] = _flag(phase, Evaluation.Side.INTERN)
        flags[f"{phase}_decided"] = Max("decisions__outcome", filter=Q(decisions__phase=phase))
    return queryset.alias(**flags)


def _rules(phase: str, rules: RuleSet, now: datetime) -> list[tuple[Q, str, bool]]:
    """(condition, state, missing) in `outcome_of`'s order; the first that holds decides.
    The conditions read the flags of `with_evidence`."""
    opens, closes = f"{phase}_opens", f"{phase}_closes"
    is_open = Q(**{f"{closes}__gt": now})  # (once past "upcoming": the window is open)
    mentor = Q(**{f"{phase}_mentor_in__gt": 0})
    mentor_passed = Q(**{f"{phase}_mentor_passed__gt": 0})
    intern = Q(**{f"{phase}_intern_in__gt": 0})
    steps: list[tuple[Q, str, bool]] = []
    # 1. A decision; its outcome is the state (the CASE reads it, see `state_expression`).
    steps.append((Q(**{f"{phase}_decided__isnull": False}), "decided", False))
    # 2. Withdrawn before the phase closed.
    steps.append((_ended_before(Internship.Status.WITHDRAWN, F(closes)), State.NOT_ASKED, False))
    # 3. The final after a failed midterm, unless the status is past the midterm.
    if phase == EvaluationPhase.FINAL:
        steps.append(
            (
                ~mentor & ~Q(status__in=PAST_MIDTERM) & Q(midterm_state=State.FAILED),
                State.NOT_ASKED,
                False,
            )
        )
    # 4. Failed before the phase closed, with no mentors' evaluation in.
    steps.append(
        (~mentor & _ended_before(Internship.Status.FAILED, F(closes)), State.NOT_ASKED, False)
    )
    # 5. Before the window.
    steps.append((Q(**{f"{opens}__gt": now}), State.UPCOMING, False))
    # 6. The mentors' fail.
    steps.append((mentor & ~mentor_passed, State.FAILED, False))
    # 7. The mentors owe theirs: awaited while open, then the rule.
    if required(rules, phase, "mentor"):
        rule = RULE_STATE[MissingEvaluation(rules.missing_mentor_evaluation)]
        steps.append((~mentor & is_open, State.AWAITING, True))
        steps.append((~mentor, rule, True))
    # 8. The intern owes theirs: the same.
    if required(rules, phase, "intern"):
        rule = RULE_STATE[MissingEvaluation(rules.missing_intern_evaluation)]
        steps.append((~intern & is_open, State.AWAITING, True))
        steps.append((~intern, rule, True))
    # 9. Nothing owed, the window still open, the mentors silent.
    steps.append((~mentor & is_open, State.AWAITING, False))
    return steps


def state_expression(phase: str, rules: RuleSet, now: datetime) -> Case:
    whens = []
    for condition, state, _missing in _rules(phase, rules, now):
        then = F(f"{phase}_decided") if state == "decided" else Value(str(state))
        whens.append(When(condition, then=then))
    return Case(*whens, default=Value(str(State.PASSED)), output_field=CharField())


def missing_expression(phase: str, rules: RuleSet, now: datetime) -> Case:
    whens = [
        When(condition, then=Value(missing))
        for condition, _state, missing in _rules(phase, rules, now)
    ]
    return Case(*whens, default=Value(False), output_field=BooleanField())


def with_states(queryset: QuerySet[Internship], rules: RuleSet, now: datetime) -> QuerySet:
    """`queryset` annotated with `midterm_state`, `final_state`, `midterm_missing`,
    `final_missing` (the midterm's first: the final's rule 3 reads it)."""
    return (
        with_evidence(queryset)
        .annotate(
            midterm_state=state_expression(EvaluationPhase.MIDTERM, rules, now),
            midterm_missing=missing_expression(EvaluationPhase.MIDTERM, rules, now),
        )
        .annotate(
            final_state=state_expression(EvaluationPhase.FINAL, rules, now),
            final_missing=missing_expression(EvaluationPhase.FINAL, rules, now),
        )
    )
