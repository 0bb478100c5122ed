"""The computed outcome of a phase, rule by rule: a decision locks it; a final is not asked
after a failed midterm nor of an internship ended before it closed; upcoming before the
window; the mentors' fail fails at once; a missing side is awaited while the window is open
and, once it closed, is what the round's rule says; a phase nobody owes passes."""

from datetime import UTC, datetime, timedelta

import pytest

from evaluations.models import EvaluationPhase, Internship
from evaluations.services.outcome import State, outcome_of, phase_rows
from programs.rules import MissingEvaluation
from tests.evaluations.internship_world import dates_from
from tests.factories import (
    DecisionFactory,
    InternEvaluationFactory,
    InternshipFactory,
    MentorEvaluationFactory,
)

pytestmark = pytest.mark.django_db

MIDTERM, FINAL = EvaluationPhase.MIDTERM, EvaluationPhase.FINAL
STARTS = datetime(2027, 6, 1, 16, 0, tzinfo=UTC)
DATES = dates_from(STARTS)
MIDTERM_OPEN = DATES["midterm_opens"] + timedelta(days=1)
MIDTERM_CLOSED = DATES["midterm_closes"] + timedelta(hours=1)
FINAL_OPEN = DATES["final_opens"] + timedelta(days=1)
FINAL_CLOSED = DATES["final_closes"] + timedelta(hours=1)


@pytest.fixture
def internship(participation, applicant, mentor):
    made = InternshipFactory(participation=participation, intern=applicant, **DATES)
    made.mentors.set([mentor])
    return Internship.objects.select_related("participation__round__rules").get(pk=made.pk)


@pytest.fixture
def rules(internship):
    return internship.participation.round.rules


def outcome(internship, phase, now, **changes):
    """The outcome as the pages compute it (evaluations and decisions loaded for the row)."""
    internship.refresh_from_db()
    rules = internship.participation.round.rules
    for name, value in changes.items():
        setattr(rules, name, value)
    row = phase_rows([internship], now=now)[0]
    if changes:  # phase_rows reads the saved rules; recompute with the changed ones
        return outcome_of(
            internship,
            phase,
            rules=rules,
            evaluations=list(internship.evaluations.all()),
            decision=internship.decisions.filter(phase=phase).first(),
            now=now,
        )
    return row.midterm if phase == MIDTERM else row.final


def both_passed(internship, phase=MIDTERM):
    MentorEvaluationFactory(internship=internship, phase=phase)
    InternEvaluationFactory(internship=internship, phase=phase)


# --- Before the window ---------------------------------------------------------------------


def test_a_phase_before_its_window_is_upcoming(internship):
    found = outcome(internship, MIDTERM, DATES["midterm_opens"] - timedelta(seconds=1))

    assert found.state == State.UPCOMING
    assert not found.settled


# --- Both sides in -------------------------------------------------------------------------


def test_both_sides_in_pass_and_the_why_says_the_mentors_passed(internship):
    both_passed(internship)

    found = outcome(internship, MIDTERM, MIDTERM_CLOSED)

    assert found.state == State.PASSED
    assert found.settled and found.passed and not found.locked
    assert found.why == "The mentors' evaluation is a pass."
    assert found.missing == ()


def test_both_sides_in_pass_already_while_the_window_is_open(internship):
    both_passed(internship)

    assert outcome(internship, MIDTERM, MIDTERM_OPEN).state == State.PASSED


def test_the_mentors_fail_fails_at_once_even_with_the_window_open(internship):
    MentorEvaluationFactory(internship=internship, result="fail")

    found = outcome(internship, MIDTERM, MIDTERM_OPEN)

    assert found.state == State.FAILED
    assert found.why == "The mentors' evaluation is a fail."


# --- A side missing while the window is open -----------------------------------------------


def test_no_mentor_result_while_open_awaits_both_sides(internship):
    found = outcome(internship, MIDTERM, MIDTERM_OPEN)

    assert found.state == State.AWAITING
    assert found.missing == ("mentor", "intern")


def test_a_pass_without_the_intern_awaits_the_intern_while_open(internship):
    MentorEvaluationFactory(internship=internship)

    found = outcome(internship, MIDTERM, MIDTERM_OPEN)

    assert found.state == State.AWAITING
    assert found.missing == ("intern",)


# --- A side missing once the window closed: each rule ---------------------------------------


@pytest.mark.parametrize(
    ("rule", "state"),
    [
        (MissingEvaluation.FAILS, State.FAILED),
        (MissingEvaluation.HOLDS_PAYMENT, State.HELD),
        (MissingEvaluation.ADMIN_DECIDES, State.ADMIN_DECIDES),
    ],
)
def test_a_missing_mentor_result_is_what_the_rule_says(internship, rule, state):
    InternEvaluationFactory(internship=internship)

    found = outcome(internship, MIDTERM, MIDTERM_CLOSED, missing_mentor_evaluation=rule)

    assert found.state == state
    assert found.why.startswith("The mentors' evaluation never came")
    assert found.missing == ("mentor",)


@pytest.mark.parametrize(
    ("rule", "state"),
    [
        (MissingEvaluation.FAILS, State.FAILED),
        (MissingEvaluation.HOLDS_PAYMENT, State.HELD),
        (MissingEvaluation.ADMIN_DECIDES, State.ADMIN_DECIDES),
    ],
)
def test_a_pass_with_the_intern_missing_is_what_the_rule_says(internship, rule, state):
    MentorEvaluationFactory(internship=internship)

    found = outcome(internship, MIDTERM, MIDTERM_CLOSED, missing_intern_evaluation=rule)

    assert found.state == state
    assert found.why.startswith("The intern's evaluation never came")
    assert found.missing == ("intern",)


def test_the_default_rules_fail_a_missing_mentor_and_hold_a_missing_intern(internship):
    assert outcome(internship, MIDTERM, MIDTERM_CLOSED).state == State.FAILED
    MentorEvaluationFactory(internship=internship)
    assert outcome(internship, MIDTERM, MIDTERM_CLOSED).state == State.HELD


def test_the_mentors_fail_wins_over_a_missing_intern(internship):
    MentorEvaluationFactory(internship=internship, result="fail")

    assert outcome(internship, MIDTERM, MIDTERM_CLOSED).state == State.FAILED


# --- Sides the rules do not ask for --------------------------------------------------------


def test_an_intern_evaluation_not_required_is_not_awaited(internship):
    MentorEvaluationFactory(internship=internship)

    found = outcome(internship, MIDTERM, MIDTERM_OPEN, intern_midterm_required=False)

    assert found.state == State.PASSED
    assert found.missing == ()


def test_with_no_mentor_required_the_intern_side_alone_decides(internship):
    closed = {"mentor_midterm_required": False}
    assert outcome(internship, MIDTERM, MIDTERM_CLOSED, **closed).state == State.HELD
    InternEvaluationFactory(internship=internship)
    found = outcome(internship, MIDTERM, MIDTERM_CLOSED, **closed)
    assert found.state == State.PASSED
    assert found.why == "No evaluation was required."


def test_a_phase_nobody_owes_waits_for_the_window_to_close_then_passes(internship):
    nobody = {"mentor_midterm_required": False, "intern_midterm_required": False}

    assert outcome(internship, MIDTERM, MIDTERM_OPEN, **nobody).state == State.AWAITING
    assert outcome(internship, MIDTERM, MIDTERM_CLOSED, **nobody).state == State.PASSED


def test_an_unrequired_mentor_may_still_fail_the_phase(internship):
    MentorEvaluationFactory(internship=internship, result="fail")

    found = outcome(internship, MIDTERM, MIDTERM_OPEN, mentor_midterm_required=False)

    assert found.state == State.FAILED


# --- A program admin's decision ------------------------------------------------------------


@pytest.mark.parametrize("decided", ["passed", "held", "failed"])
def test_a_decision_locks_the_outcome_whatever_the_evaluations_say(internship, decided):
    MentorEvaluationFactory(internship=internship, result="fail")
    DecisionFactory(internship=internship, outcome=decided, reason="Mentor confirmed by email.")

    for now in (MIDTERM_OPEN, MIDTERM_CLOSED, FINAL_CLOSED):
        found = outcome(internship, MIDTERM, now)
        assert found.state == decided
        assert found.locked
        assert found.why == "Decided by a program admin: Mentor confirmed by email."


def test_a_decision_answers_a_rule_that_says_a_program_admin_decides(internship, rules):
    rules.missing_mentor_evaluation = MissingEvaluation.ADMIN_DECIDES
    rules.save()
    assert outcome(internship, MIDTERM, MIDTERM_CLOSED).state == State.ADMIN_DECIDES

    DecisionFactory(internship=internship, outcome="passed")

    assert outcome(internship, MIDTERM, MIDTERM_CLOSED).state == State.PASSED


# --- The final after the midterm -----------------------------------------------------------


def test_no_final_is_asked_after_a_failed_midterm(internship):
    MentorEvaluationFactory(internship=internship, result="fail")

    for now in (MIDTERM_CLOSED, FINAL_OPEN, FINAL_CLOSED):
        found = outcome(internship, FINAL, now)
        assert found.state == State.NOT_ASKED
        assert found.why == "The midterm was failed."


def test_no_final_is_asked_after_a_midterm_failed_by_its_missing_mentor_rule(internship):
    assert outcome(internship, FINAL, FINAL_CLOSED).state == State.NOT_ASKED


def test_no_final_is_asked_after_a_midterm_a_program_admin_failed(internship):
    both_passed(internship)
    DecisionFactory(internship=internship, outcome="failed")

    assert outcome(internship, FINAL, FINAL_OPEN).state == State.NOT_ASKED


def test_a_final_is_asked_after_a_midterm_failed_by_the_mentors_then_passed_by_an_admin(
    internship,
):
    MentorEvaluationFactory(internship=internship, result="fail")
    DecisionFactory(internship=internship, outcome="passed")

    assert outcome(internship, FINAL, FINAL_OPEN).state == State.AWAITING


def test_a_passed_midterm_leads_to_the_final_upcoming_then_passed(internship):
    both_passed(internship)
    assert outcome(internship, FINAL, MIDTERM_CLOSED).state == State.UPCOMING

    both_passed(internship, FINAL)

    assert outcome(internship, FINAL, FINAL_CLOSED).state == State.PASSED


def test_a_completed_internship_keeps_its_final_even_with_a_midterm_the_admin_passed(
    internship,
):
    # The mentors failed the midterm, a program admin passed it, the final passed with no
    # mentor required: the final is not "not asked" just because its caller left out the
    # midterm's outcome.
    MentorEvaluationFactory(internship=internship, result="fail")
    DecisionFactory(internship=internship, outcome="passed")
    InternEvaluationFactory(internship=internship, phase=FINAL)
    Internship.objects.filter(pk=internship.pk).update(
        status=Internship.Status.COMPLETED, status_changed_at=FINAL_CLOSED
    )
    internship.refresh_from_db()

    found = outcome_of(
        internship,
        FINAL,
        rules=internship.participation.round.rules,
        evaluations=list(internship.evaluations.all()),
        decision=None,
        now=FINAL_CLOSED,
    )

    assert found.state != State.NOT_ASKED


# --- Ended early ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Internship.Status.WITHDRAWN, Internship.Status.FAILED])
def test_a_phase_of_an_internship_ended_before_it_closed_is_not_asked(internship, status):
    Internship.objects.filter(pk=internship.pk).update(
        status=status, status_changed_at=MIDTERM_OPEN
    )

    found = outcome(internship, MIDTERM, MIDTERM_CLOSED)

    assert found.state == State.NOT_ASKED
    assert "before this evaluation closed" in found.why
    assert outcome(internship, FINAL, FINAL_CLOSED).state == State.NOT_ASKED


def test_a_phase_settled_before_the_internship_was_withdrawn_keeps_its_outcome(internship):
    both_passed(internship)
    Internship.objects.filter(pk=internship.pk).update(
        status=Internship.Status.WITHDRAWN, status_changed_at=FINAL_OPEN
    )

    assert outcome(internship, MIDTERM, FINAL_CLOSED).state == State.PASSED
    assert outcome(internship, FINAL, FINAL_CLOSED).state == State.NOT_ASKED


def test_a_phase_with_evaluations_in_is_not_asked_once_withdrawn_before_it_closed(internship):
    """The mentors had passed it, then the intern left: nothing settles and nobody is told."""
    both_passed(internship)
    Internship.objects.filter(pk=internship.pk).update(
        status=Internship.Status.WITHDRAWN, status_changed_at=MIDTERM_OPEN
    )

    assert outcome(internship, MIDTERM, MIDTERM_CLOSED).state == State.NOT_ASKED


def test_a_midterm_settled_as_passed_still_asks_the_final_after_the_rules_change(internship):
    """Held under the rules of the time; rules read later as "fails" must not take away the
    final the internship's status says it is in."""
    MentorEvaluationFactory(internship=internship, phase=MIDTERM)
    Internship.objects.filter(pk=internship.pk).update(
        status=Internship.Status.MIDTERM_PASSED, status_changed_at=MIDTERM_CLOSED
    )

    found = outcome(
        internship, FINAL, FINAL_OPEN, missing_intern_evaluation=MissingEvaluation.FAILS
    )

    assert found.state == State.AWAITING


def test_a_final_failed_by_its_missing_mentor_rule_stays_failed_after_the_status_follows(
    internship,
):
    both_passed(internship)
    Internship.objects.filter(pk=internship.pk).update(
        status=Internship.Status.FAILED, status_changed_at=FINAL_CLOSED
    )

    assert outcome(internship, FINAL, FINAL_CLOSED).state == State.FAILED


# --- Rows for a page -----------------------------------------------------------------------


def test_rows_cost_the_same_queries_for_one_internship_and_for_many(
    participation, django_assert_num_queries
):
    def rows_of(count):
        made = [InternshipFactory(participation=participation, **DATES) for _ in range(count)]
        for internship in made:
            both_passed(internship)
        loaded = list(
            Internship.objects.filter(pk__in=[i.pk for i in made]).select_related(
                "participation__round__rules"
            )
        )
        with django_assert_num_queries(2):
            return phase_rows(loaded, now=MIDTERM_CLOSED)

    assert [r.midterm.state for r in rows_of(1)] == [State.PASSED]
    assert {r.midterm.state for r in rows_of(6)} == {State.PASSED}


def test_other_internships_evaluations_are_ignored(internship, participation):
    other = InternshipFactory(participation=participation, **DATES)
    MentorEvaluationFactory(internship=other, result="fail")

    found = outcome_of(
        internship,
        MIDTERM,
        rules=internship.participation.round.rules,
        evaluations=list(other.evaluations.all()),
        decision=None,
        now=MIDTERM_OPEN,
    )

    assert found.state == State.AWAITING
