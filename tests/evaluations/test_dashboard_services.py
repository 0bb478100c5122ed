"""The dashboards' pieces without a page: a phase's cell (its label, whose evaluation is
missing, its flags), the computed filters, and the CSV's cells and chunks."""

from django.utils import timezone

from evaluations.models import Evaluation, EvaluationPhase
from evaluations.services import dashboard, dashboard_csv
from evaluations.services.outcome import PhaseOutcome, State

NOW = timezone.now()


def outcome(state=State.AWAITING, missing=(), **found) -> PhaseOutcome:
    return PhaseOutcome(EvaluationPhase.MIDTERM, state, "Why.", missing=missing, **found)


def test_a_phase_says_whose_evaluation_is_missing():
    phase = dashboard.Phase(outcome(missing=("mentor", "intern")), extended=False)

    assert phase.missing == "mentors, intern"
    assert phase.label == "Awaiting evaluations (missing: mentors, intern)"


def test_a_phase_nobody_owes_anything_for_says_its_state_alone():
    assert dashboard.Phase(outcome(State.PASSED), extended=True).label == "Passed"


def test_a_phase_flags_an_org_admin_in_place_of_the_mentors():
    stood_in = Evaluation(side="mentor", result="pass", in_place_of_mentor=True)
    mentors = Evaluation(side="mentor", result="pass")

    assert dashboard.Phase(
        outcome(State.PASSED, mentor=stood_in), extended=False
    ).in_place_of_mentor
    assert not dashboard.Phase(
        outcome(State.PASSED, mentor=mentors), extended=False
    ).in_place_of_mentor
    assert not dashboard.Phase(outcome(), extended=False).in_place_of_mentor


def test_only_a_filter_on_a_phase_is_computed():
    assert dashboard.Wanted(midterm=State.PASSED).computed
    assert not dashboard.Wanted(sort="intern").computed


def test_the_csv_comes_a_chunk_of_rows_at_a_time_after_its_header(monkeypatch):
    monkeypatch.setattr(dashboard_csv, "cells", lambda line: [line])

    pieces = list(dashboard_csv.pieces(iter(range(5)), chunk=2))

    assert pieces[0].startswith("Organization,Intern,")
    assert pieces[1:] == ["0\r\n1\r\n", "2\r\n3\r\n", "4\r\n"]


def test_an_empty_csv_is_its_header():
    assert len(list(dashboard_csv.pieces(iter([]), chunk=2))) == 1
