"""The dashboards' SQL states answer what `outcome_of` answers: over every combination of an
internship's status (and when it changed), each side's evaluation of each phase, a program
admin's decisions, the round's rules and the moment, the state and "someone's evaluation is
missing" of both phases are the same, row for row."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from evaluations.models import Decision, Evaluation, EvaluationPhase, Internship
from evaluations.services.outcome import outcome_of
from evaluations.services.outcome_sql import with_states
from people.models import User
from programs.rules import MissingEvaluation, RuleSet
from tests.evaluations.internship_world import dates_from

pytestmark = pytest.mark.django_db

MIDTERM, FINAL = EvaluationPhase.MIDTERM, EvaluationPhase.FINAL
DATES = dates_from(datetime(2027, 6, 1, 16, 0, tzinfo=UTC))
HOUR = timedelta(hours=1)
MOMENTS = {
    "before the midterm": DATES["midterm_opens"] - HOUR,
    "in the midterm": DATES["midterm_opens"] + HOUR,
    "at the midterm's close": DATES["midterm_closes"],
    "in the final": DATES["final_opens"] + HOUR,
    "after the final": DATES["final_closes"] + HOUR,
}
Status = Internship.Status
STATUSES = [
    (Status.ACTIVE, None),
    (Status.MIDTERM_PASSED, DATES["midterm_closes"]),
    (Status.COMPLETED, DATES["final_closes"]),
    (Status.FAILED, DATES["midterm_closes"]),
    (Status.FAILED, DATES["midterm_opens"] + HOUR),
    (Status.WITHDRAWN, DATES["midterm_opens"] + HOUR),
    (Status.WITHDRAWN, DATES["final_opens"] + HOUR),
]
# Each phase: the mentors' result (none, pass, fail) and whether the intern gave theirs.
SIDES = list(itertools.product([None, "pass", "fail"], [False, True]))
DECISIONS = [{}, {MIDTERM: "failed"}, {FINAL: "passed"}, {MIDTERM: "held"}]
RULES = {
    "the defaults": {},
    "the admin decides, no intern midterm": {
        "missing_mentor_evaluation": MissingEvaluation.ADMIN_DECIDES,
        "intern_midterm_required": False,
    },
    "no mentor final, a missing intern fails": {
        "mentor_final_required": False,
        "missing_intern_evaluation": MissingEvaluation.FAILS,
    },
}


@pytest.fixture
def every_case(participation, mentor):
    cases = list(itertools.product(STATUSES, SIDES, SIDES, DECISIONS))
    interns = User.objects.bulk_create(
        User(email=f"intern-{n}@example.org") for n in range(len(cases))
    )
    internships = Internship.objects.bulk_create(
        Internship(
            participation=participation,
            intern=intern,
            status=status,
            status_changed_at=changed,
            **DATES,
        )
        for intern, ((status, changed), _m, _f, _d) in zip(interns, cases, strict=True)
    )
    evaluations, decisions = [], []
    now = timezone.now()
    for internship, (_status, midterm, final, decided) in zip(internships, cases, strict=True):
        for phase, (result, intern_gave) in ((MIDTERM, midterm), (FINAL, final)):
            if result:
                evaluations.append(
                    Evaluation(
                        internship=internship,
                        phase=phase,
                        side="mentor",
                        submitted_by=mentor,
                        submitted_at=now,
                        result=result,
                        action="pay" if result == "pass" else "end",
                    )
                )
            if intern_gave:
                evaluations.append(
                    Evaluation(
                        internship=internship,
                        phase=phase,
                        side="intern",
                        submitted_by=internship.intern,
                        submitted_at=now,
                    )
                )
        for phase, outcome in decided.items():
            decisions.append(
                Decision(
                    internship=internship,
                    phase=phase,
                    outcome=outcome,
                    by=mentor,
                    at=now,
                    reason="Decided.",
                )
            )
    Evaluation.objects.bulk_create(evaluations)
    Decision.objects.bulk_create(decisions)
    return Internship.objects.all()


def in_python(internships, rules: RuleSet, now: datetime) -> dict:
    given: dict[int, list] = {}
    for evaluation in Evaluation.objects.all():
        given.setdefault(evaluation.internship_id, []).append(evaluation)
    decided = {(d.internship_id, d.phase): d for d in Decision.objects.all()}
    answers = {}
    for internship in internships:
        kwargs = {"rules": rules, "evaluations": given.get(internship.pk, []), "now": now}
        midterm = outcome_of(
            internship, MIDTERM, decision=decided.get((internship.pk, MIDTERM)), **kwargs
        )
        final = outcome_of(
            internship,
            FINAL,
            decision=decided.get((internship.pk, FINAL)),
            midterm=midterm,
            **kwargs,
        )
        answers[internship.pk] = (
            str(midterm.state),
            bool(midterm.missing),
            str(final.state),
            bool(final.missing),
        )
    return answers


@pytest.mark.parametrize("rules_named", list(RULES))
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_sql_and_python_give_every_internship_the_same_states(every_case, rules_named, moment):
    rules = RuleSet(**RULES[rules_named])
    now = MOMENTS[moment]

    expected = in_python(list(every_case), rules, now)
    found = {
        pk: (midterm, midterm_missing, final, final_missing)
        for pk, midterm, midterm_missing, final, final_missing in with_states(
            every_case, rules, now
        ).values_list("pk", "midterm_state", "midterm_missing", "final_state", "final_missing")
    }

    differing = {pk: (expected[pk], found[pk]) for pk in expected if expected[pk] != found[pk]}
    assert differing == {}
    assert len(found) == len(STATUSES) * len(SIDES) ** 2 * len(DECISIONS)
