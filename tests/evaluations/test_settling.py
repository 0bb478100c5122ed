"""The settle sweep walks an internship through its life: the start share once coding
started; each phase settled moves the status and authorizes its share (held with the why);
a failed midterm ends it with no final asked and no more payments; a program admin's
decision acts at once; a withdrawn internship is left alone; the final issues the
certificate; running the sweep twice is running it once."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from evaluations.models import Certificate, EvaluationPhase, Internship, InternshipEvent, Payment
from evaluations.services import settling
from evaluations.services.extensions import extend
from evaluations.services.internships import withdraw
from evaluations.services.outcome import State, phase_rows
from evaluations.services.settling import sweep
from evaluations.tasks import internships_settle
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
CODING = STARTS + timedelta(days=1)
MIDTERM_OPEN = DATES["midterm_opens"] + timedelta(days=1)
MIDTERM_CLOSED = DATES["midterm_closes"]
FINAL_OPEN = DATES["final_opens"] + timedelta(days=1)
FINAL_CLOSED = DATES["final_closes"]


@pytest.fixture
def internship(participation, applicant, mentor):
    made = InternshipFactory(participation=participation, intern=applicant, **DATES)
    made.mentors.set([mentor])
    return made


def rules_of(internship, **changes):
    rules = internship.participation.round.rules
    for name, value in changes.items():
        setattr(rules, name, value)
    rules.save()
    return rules


def status(internship) -> str:
    return Internship.objects.get(pk=internship.pk).status


def payments(internship) -> dict[str, tuple[str, int]]:
    return {
        p.milestone: (p.status, p.percent) for p in Payment.objects.filter(internship=internship)
    }


def both(internship, phase, result="pass"):
    MentorEvaluationFactory(internship=internship, phase=phase, result=result)
    InternEvaluationFactory(internship=internship, phase=phase)


# --- Passed both ---------------------------------------------------------------------------


def test_an_internship_passed_both_ways_completes_with_every_share_and_a_certificate(
    internship, applicant
):
    assert sweep(STARTS - timedelta(seconds=1)) == []
    sweep(CODING)
    assert payments(internship) == {"start": ("waiting", 10)}

    both(internship, MIDTERM)
    sweep(MIDTERM_OPEN)
    assert status(internship) == "active"  # a pass waits for the window to close

    sweep(MIDTERM_CLOSED)
    assert status(internship) == "midterm_passed"
    assert payments(internship)["midterm"] == ("waiting", 45)

    both(internship, FINAL)
    sweep(FINAL_CLOSED)
    assert status(internship) == "completed"
    assert payments(internship)["final"] == ("waiting", 45)
    certificate = Certificate.objects.get(internship=internship)
    assert (certificate.name, certificate.issued_at) == (str(applicant), FINAL_CLOSED)
    events = InternshipEvent.objects.filter(internship=internship)
    assert [(e.to_status, e.by, e.at) for e in events] == [
        ("midterm_passed", None, MIDTERM_CLOSED),
        ("completed", None, FINAL_CLOSED),
    ]
    assert events[0].reason == "Midterm evaluation: The mentors' evaluation is a pass."


def test_a_sweep_down_for_weeks_moves_an_internship_through_both_phases(internship):
    both(internship, MIDTERM)
    both(internship, FINAL)

    sweep(FINAL_CLOSED + timedelta(days=20))

    assert status(internship) == "completed"
    assert set(payments(internship)) == {"start", "midterm", "final"}


def test_running_the_sweep_twice_is_running_it_once(internship):
    both(internship, MIDTERM)
    both(internship, FINAL)

    first = sweep(FINAL_CLOSED)
    again = sweep(FINAL_CLOSED)

    assert [s.to for s in first] == ["midterm_passed", "completed"]
    assert again == []
    assert InternshipEvent.objects.count() == 2
    assert Payment.objects.count() == 3
    assert Certificate.objects.count() == 1


def test_the_beat_task_runs_the_sweep_now(internship):
    both(internship, MIDTERM)

    with time_machine.travel(MIDTERM_CLOSED + timedelta(minutes=5), tick=False):
        moved = internships_settle()

    assert moved == 1
    assert status(internship) == "midterm_passed"


def test_a_split_without_a_start_share_pays_nothing_and_costs_one_query_a_sweep(
    internship, django_assert_num_queries
):
    rules_of(
        internship,
        stipend_split=[
            {"milestone": "midterm", "percent": 50},
            {"milestone": "final", "percent": 50},
        ],
    )

    with django_assert_num_queries(1):
        assert sweep(CODING) == []

    assert payments(internship) == {}


# --- Failed midterm ------------------------------------------------------------------------


def test_the_mentors_fail_ends_the_internship_when_the_window_closes_and_no_final_is_paid(
    internship,
):
    sweep(CODING)
    MentorEvaluationFactory(internship=internship, phase=MIDTERM, result="fail")

    sweep(MIDTERM_OPEN)
    # Not before the close: the intern reads the result only then, the status would tell it.
    assert status(internship) == "active"
    sweep(MIDTERM_CLOSED)

    assert status(internship) == "failed"
    event = InternshipEvent.objects.get(internship=internship)
    assert event.reason == "Midterm evaluation: The mentors' evaluation is a fail."
    sweep(FINAL_CLOSED + timedelta(days=1))
    assert payments(internship) == {"start": ("waiting", 10)}  # the start share stays
    loaded = Internship.objects.select_related("participation__round__rules").get()
    assert phase_rows([loaded], now=FINAL_OPEN)[0].final.state == State.NOT_ASKED
    assert not Certificate.objects.exists()


# --- An evaluation missing, under each rule ------------------------------------------------


def test_a_missing_mentor_evaluation_that_fails_ends_it_when_the_window_closes(internship):
    rules_of(internship, missing_mentor_evaluation=MissingEvaluation.FAILS)
    InternEvaluationFactory(internship=internship, phase=MIDTERM)

    sweep(MIDTERM_CLOSED - timedelta(seconds=1))
    assert status(internship) == "active"
    sweep(MIDTERM_CLOSED)

    assert status(internship) == "failed"
    assert "midterm" not in payments(internship)


def test_a_missing_intern_evaluation_that_holds_the_payment_passes_with_it_held(internship):
    rules_of(internship, missing_intern_evaluation=MissingEvaluation.HOLDS_PAYMENT)
    MentorEvaluationFactory(internship=internship, phase=MIDTERM)

    sweep(MIDTERM_CLOSED)

    assert status(internship) == "midterm_passed"
    held = Payment.objects.get(internship=internship, milestone="midterm")
    assert held.status == "held"
    assert held.reason.startswith("The intern's evaluation never came")


def test_a_missing_intern_evaluation_that_fails_ends_it(internship):
    rules_of(internship, missing_intern_evaluation=MissingEvaluation.FAILS)
    MentorEvaluationFactory(internship=internship, phase=MIDTERM)

    sweep(MIDTERM_CLOSED)

    assert status(internship) == "failed"


def test_where_a_program_admin_decides_the_sweep_waits_for_the_decision(internship, program_admin):
    rules_of(internship, missing_mentor_evaluation=MissingEvaluation.ADMIN_DECIDES)

    sweep(MIDTERM_CLOSED + timedelta(days=3))
    assert status(internship) == "active"
    assert "midterm" not in payments(internship)

    DecisionFactory(internship=internship, phase=MIDTERM, outcome="held", by=program_admin)
    sweep(MIDTERM_CLOSED + timedelta(days=4))

    assert status(internship) == "midterm_passed"
    assert payments(internship)["midterm"] == ("held", 45)


@pytest.mark.parametrize(
    ("side", "rule", "status_after", "midterm_payment"),
    [
        ("mentor", MissingEvaluation.FAILS, "failed", None),
        ("mentor", MissingEvaluation.HOLDS_PAYMENT, "midterm_passed", "held"),
        ("mentor", MissingEvaluation.ADMIN_DECIDES, "active", None),
        ("intern", MissingEvaluation.FAILS, "failed", None),
        ("intern", MissingEvaluation.HOLDS_PAYMENT, "midterm_passed", "held"),
        ("intern", MissingEvaluation.ADMIN_DECIDES, "active", None),
    ],
)
def test_each_missing_side_under_each_rule(internship, side, rule, status_after, midterm_payment):
    rules_of(internship, **{f"missing_{side}_evaluation": rule})
    if side == "mentor":
        InternEvaluationFactory(internship=internship, phase=MIDTERM)
    else:
        MentorEvaluationFactory(internship=internship, phase=MIDTERM)

    sweep(MIDTERM_CLOSED)
    sweep(MIDTERM_CLOSED + timedelta(days=1))

    assert status(internship) == status_after
    assert payments(internship).get("midterm", (None,))[0] == midterm_payment


# --- A locked decision ---------------------------------------------------------------------


def test_a_decision_acts_before_the_window_closes_and_a_later_fail_changes_nothing(
    internship, program_admin
):
    DecisionFactory(internship=internship, phase=MIDTERM, outcome="passed", by=program_admin)

    sweep(MIDTERM_OPEN)
    assert status(internship) == "midterm_passed"

    MentorEvaluationFactory(internship=internship, phase=MIDTERM, result="fail")
    sweep(MIDTERM_CLOSED)

    assert status(internship) == "midterm_passed"
    assert payments(internship)["midterm"] == ("waiting", 45)


def test_a_final_decided_failed_fails_it_with_no_final_share(internship, program_admin):
    both(internship, MIDTERM)
    sweep(MIDTERM_CLOSED)
    DecisionFactory(internship=internship, phase=FINAL, outcome="failed", by=program_admin)

    sweep(FINAL_OPEN)

    assert status(internship) == "failed"
    assert "final" not in payments(internship)
    assert not Certificate.objects.exists()


# --- Withdrawn -----------------------------------------------------------------------------


def test_a_withdrawn_internship_is_left_alone(internship, applicant):
    sweep(CODING)
    with time_machine.travel(MIDTERM_OPEN, tick=False):
        withdraw(internship=internship, by=applicant, reason="A job offer.")
    both(internship, MIDTERM)

    assert sweep(FINAL_CLOSED) == []
    assert status(internship) == "withdrawn"
    assert set(payments(internship)) == {"start"}


# --- Extended ------------------------------------------------------------------------------


def test_an_extended_internship_settles_at_its_new_window_not_the_old_one(
    internship, program_admin
):
    round_ = internship.participation.round
    round_.ends, round_.final_close = FINAL_CLOSED + timedelta(weeks=5), FINAL_CLOSED
    round_.save()
    both(internship, MIDTERM)
    with time_machine.travel(CODING, tick=False):
        extend(internship=internship, by=program_admin, weeks=2, reason="Exams.", midterm=True)

    sweep(MIDTERM_CLOSED)
    assert status(internship) == "active"

    sweep(MIDTERM_CLOSED + timedelta(weeks=2))
    assert status(internship) == "midterm_passed"

    both(internship, FINAL)
    sweep(FINAL_CLOSED)
    assert status(internship) == "midterm_passed"
    sweep(FINAL_CLOSED + timedelta(weeks=2))
    assert status(internship) == "completed"


# --- Many internships ----------------------------------------------------------------------


def test_the_sweep_reads_outcomes_in_constant_queries_when_nothing_is_due(
    participation, django_assert_num_queries
):
    def quiet_sweep(count):
        for _ in range(count):
            made = InternshipFactory(participation=participation, **DATES)
            sweep(CODING)  # the start share: after this, nothing is due until the midterm
            assert Payment.objects.filter(internship=made).exists()
        with django_assert_num_queries(1):
            assert sweep(MIDTERM_OPEN) == []

    quiet_sweep(1)
    quiet_sweep(5)


def test_one_internships_error_does_not_stop_the_others(participation, monkeypatch, caplog):
    first, second = (InternshipFactory(participation=participation, **DATES) for _ in range(2))
    settle_one = settling.settle_one

    def failing_for_the_first(internship_id, now):
        if internship_id == first.pk:
            raise RuntimeError("A broken row.")
        return settle_one(internship_id, now)

    monkeypatch.setattr(settling, "settle_one", failing_for_the_first)

    sweep(CODING)

    assert payments(first) == {}
    assert payments(second) == {"start": ("waiting", 10)}
    assert f"Settling internship {first.pk} failed" in caplog.text
