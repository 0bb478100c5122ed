"""Evaluation reminders: three days and one day before the internship's window closes, to
those who owe it (mentors when the mentors' result is missing, the intern when theirs is,
only the sides the rules require), the org admins copied on the last one; and the outcome to
the intern and the mentors once the window closed and the phase is settled, the result only.
Each exactly once at its boundary, in the person's zone, following extensions."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from evaluations.models import Internship
from evaluations.reminders import evaluation_due, evaluation_outcome
from evaluations.services.extensions import extend
from notifications.models import Message
from tests.evaluations.internship_world import dates_from
from tests.factories import (
    DecisionFactory,
    InternEvaluationFactory,
    InternshipFactory,
    MentorEvaluationFactory,
    UserFactory,
)
from tests.projects.reminders_world import SECOND, at, member, org_admin, person, swept

pytestmark = pytest.mark.django_db

DUE, OUTCOME = "evaluation_due", "evaluation_outcome"
STARTS = datetime(2027, 6, 1, 16, 0, tzinfo=UTC)
DATES = dates_from(STARTS)
CLOSES = DATES["midterm_closes"]  # Tue 20 Jul 2027, 16:00 UTC
THREE_DAYS, ONE_DAY = CLOSES - timedelta(days=3), CLOSES - timedelta(days=1)
MENTOR_TEXT = "Behind on the parser, sloppy tests."


@pytest.fixture
def ana(db):
    return person("ana@example.org", "Asia/Kolkata")


@pytest.fixture
def mira(participation):
    return member(participation, "mira@example.org", "Europe/Berlin")


@pytest.fixture
def olga(participation):
    return org_admin(participation, "olga@example.org")


@pytest.fixture
def internship(participation, ana, mira, olga):
    made = InternshipFactory(
        participation=participation, intern=ana, project_title="Disk backup", **DATES
    )
    made.mentors.set([mira])
    return made


def dues_at(moment, reminder=evaluation_due):
    with at(moment):
        return list(reminder(moment))


def test_both_sides_owe_and_hear_three_days_before_at_the_instant(internship, ana, mira):
    assert dues_at(THREE_DAYS - SECOND) == []

    dues = dues_at(THREE_DAYS)

    assert {(d.recipient, d.context["side"]) for d in dues} == {(ana, "intern"), (mira, "mentor")}
    assert {d.due_at for d in dues} == {THREE_DAYS}
    assert all(d.copy_to == () for d in dues)


def test_only_the_side_that_owes_hears(internship, ana, mira):
    MentorEvaluationFactory(internship=internship, submitted_by=mira)

    assert [d.recipient for d in dues_at(THREE_DAYS)] == [ana]

    InternEvaluationFactory(internship=internship)
    assert dues_at(ONE_DAY) == []


def test_the_intern_still_hears_after_the_mentors_fail(internship, ana, mira):
    """Their evaluation is still owed, and silence would tell them the result early."""
    MentorEvaluationFactory(internship=internship, submitted_by=mira, result="fail")

    assert [d.recipient for d in dues_at(ONE_DAY)] == [ana]


def test_a_side_the_rules_do_not_require_is_not_reminded(internship, mira):
    rules = internship.participation.round.rules
    rules.intern_midterm_required = False
    rules.save()

    assert [d.recipient for d in dues_at(THREE_DAYS)] == [mira]


def test_the_org_admins_are_copied_on_the_last_reminder_once_per_side(
    internship, participation, ana, mira, olga, django_capture_on_commit_callbacks
):
    second_mentor = member(participation, "max@example.org")
    internship.mentors.add(second_mentor)

    with django_capture_on_commit_callbacks(execute=True):
        created = swept(ONE_DAY, DUE)

    recipients = sorted(m.recipient.email for m in created)
    assert recipients == sorted(
        ["ana@example.org", "mira@example.org", "max@example.org"] + ["olga@example.org"] * 2
    )
    copies = [m for m in created if m.recipient == olga]
    assert {c.subject.split("] ", 1)[-1] for c in copies} == {
        "Tomorrow: Mira's midterm evaluation for Disk backup is due",
        "Tomorrow: Ana's midterm evaluation for Disk backup is due",
    }


def test_each_reminder_goes_once_in_the_persons_zone(
    internship, ana, mira, django_capture_on_commit_callbacks
):
    for moment in (THREE_DAYS, THREE_DAYS + timedelta(minutes=5), THREE_DAYS + timedelta(hours=30)):
        with django_capture_on_commit_callbacks(execute=True):
            swept(moment, DUE)

    by_recipient = {m.recipient: m for m in Message.objects.filter(kind=DUE)}
    assert len(by_recipient) == 2 and Message.objects.filter(kind=DUE).count() == 2
    assert "Tue 20 Jul 2027, 21:30 IST (Asia/Kolkata)" in by_recipient[ana].text
    assert "Tue 20 Jul 2027, 18:00 CEST (Europe/Berlin)" in by_recipient[mira].text
    assert "evaluation of your mentors" in by_recipient[ana].text


def test_no_reminder_for_an_internship_no_longer_running_or_decided(internship, program_admin):
    DecisionFactory(internship=internship, by=program_admin)
    assert dues_at(THREE_DAYS) == []
    Internship.objects.filter(pk=internship.pk).update(status="withdrawn")
    assert dues_at(ONE_DAY) == []


def test_no_final_reminder_after_a_failed_midterm(internship, mira):
    MentorEvaluationFactory(internship=internship, submitted_by=mira, result="fail")

    assert dues_at(DATES["final_closes"] - timedelta(days=3)) == []


def test_an_extension_moves_the_reminders_with_the_window(internship, program_admin):
    round_ = internship.participation.round
    round_.ends, round_.final_close = (
        DATES["final_closes"] + timedelta(weeks=4),
        DATES["final_closes"],
    )
    round_.save()
    with time_machine.travel(STARTS, tick=False):
        extend(internship=internship, by=program_admin, weeks=2, reason="Exams.", midterm=True)

    assert dues_at(THREE_DAYS) == []
    moved = THREE_DAYS + timedelta(weeks=2)
    assert {d.due_at for d in dues_at(moved)} == {moved}


# --- The outcome when the window closes ----------------------------------------------------


def test_the_outcome_goes_to_the_intern_and_mentors_at_the_close_without_the_mentors_text(
    internship, ana, mira, olga, django_capture_on_commit_callbacks
):
    MentorEvaluationFactory(internship=internship, submitted_by=mira, progress=MENTOR_TEXT)
    InternEvaluationFactory(internship=internship)

    assert dues_at(CLOSES - SECOND, evaluation_outcome) == []
    with django_capture_on_commit_callbacks(execute=True):
        created = swept(CLOSES, OUTCOME)

    assert {m.recipient for m in created} == {ana, mira}
    for message in created:
        assert message.subject.endswith("Midterm evaluation of Disk backup: passed")
        assert "The mentors' evaluation is a pass." in message.text
        assert MENTOR_TEXT not in message.text and MENTOR_TEXT not in message.html
    with django_capture_on_commit_callbacks(execute=True):
        assert swept(CLOSES + timedelta(hours=1), OUTCOME) == []


def test_an_outcome_a_program_admin_must_decide_is_told_once_decided(internship, ana):
    rules = internship.participation.round.rules
    rules.missing_mentor_evaluation = "admin_decides"
    rules.save()

    assert dues_at(CLOSES + timedelta(days=1), evaluation_outcome) == []
    DecisionFactory(internship=internship, outcome="failed", reason="No mentor answered.")

    dues = dues_at(CLOSES + timedelta(days=2), evaluation_outcome)
    assert {d.context["why"] for d in dues} == {"Decided by a program admin: No mentor answered."}
    assert {d.due_at for d in dues} == {CLOSES}


def test_no_outcome_for_a_phase_not_asked(internship):
    Internship.objects.filter(pk=internship.pk).update(
        status="withdrawn", status_changed_at=STARTS + timedelta(days=3)
    )

    assert dues_at(CLOSES, evaluation_outcome) == []


def test_the_reminders_cost_the_same_queries_for_few_and_many(
    participation, django_assert_num_queries
):
    def count(n):
        for _ in range(n):
            made = InternshipFactory(participation=participation, **DATES)
            made.mentors.set([UserFactory()])
        # The one-day lead's midterm: the internships, their mentors, evaluations, decisions
        # and org admins; one empty look for each other lead and phase.
        with at(ONE_DAY), django_assert_num_queries(8) as counted:
            assert len(list(evaluation_due(ONE_DAY))) >= n
        return len(counted.captured_queries)

    assert count(1) == count(8)
