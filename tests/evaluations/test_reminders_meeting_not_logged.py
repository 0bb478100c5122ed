"""A week with no meeting logged: the intern and each mentor hear of it two days after the
week ends, at that instant and not a second before, exactly once, with the week's dates in
their own zone; never for a week logged, nor for an internship no longer running; and the
boundaries follow the internship's own dates (an extension moves them)."""

from datetime import UTC, datetime, timedelta

import pytest

from evaluations.models import Internship
from evaluations.reminders import meeting_not_logged
from notifications.models import Message
from tests.evaluations.internship_world import dates_from, meeting
from tests.factories import InternshipFactory
from tests.projects.reminders_world import SECOND, at, person, swept

pytestmark = pytest.mark.django_db

KIND = "meeting_not_logged"
STARTS = datetime(2027, 6, 1, 16, 0, tzinfo=UTC)  # a Tuesday
WEEK_3_ENDS = STARTS + timedelta(weeks=3)
DUE = WEEK_3_ENDS + timedelta(days=2)  # Sun 24 Jun 2027, 16:00 UTC


@pytest.fixture
def ana(db):
    return person("ana@example.org", "Asia/Kolkata")


@pytest.fixture
def mira(db):
    return person("mira@example.org", "Europe/Berlin")


@pytest.fixture
def internship(participation, ana, mira):
    made = InternshipFactory(
        participation=participation, intern=ana, project_title="Disk backup", **dates_from(STARTS)
    )
    made.mentors.set([mira])
    for week in (1, 2):
        meeting(made, week, ana)
    return made


def test_both_sides_hear_of_it_at_the_instant_and_not_one_second_before(
    internship, ana, mira, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        earlier = swept(DUE - SECOND, KIND)
    with django_capture_on_commit_callbacks(execute=True):
        created = swept(DUE, KIND)

    assert earlier == []
    assert {m.recipient for m in created} == {ana, mira}
    assert {m.due_at for m in created} == {DUE}
    assert {m.about for m in created} == {f"internship:{internship.pk}:week:3"}


def test_each_person_reads_the_weeks_dates_in_their_own_zone(
    internship, ana, mira, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        swept(DUE, KIND)

    by_recipient = {m.recipient: m for m in Message.objects.filter(kind=KIND)}
    assert by_recipient[ana].subject.endswith("No meeting logged for week 3 of Disk backup")
    # Week 3 ended Tue 22 Jun 2027 16:00 UTC.
    assert "Tue 22 Jun 2027, 21:30 IST (Asia/Kolkata)" in by_recipient[ana].text
    assert "Tue 22 Jun 2027, 18:00 CEST (Europe/Berlin)" in by_recipient[mira].text
    assert "?week=3" in by_recipient[mira].text


def test_it_is_sent_once_however_many_sweeps_run(internship, django_capture_on_commit_callbacks):
    for moment in (DUE, DUE + timedelta(minutes=5), DUE + timedelta(days=3)):
        with django_capture_on_commit_callbacks(execute=True):
            swept(moment, KIND)

    assert Message.objects.filter(kind=KIND).count() == 2


def test_a_week_logged_is_not_reminded(internship, ana):
    meeting(internship, 3, ana)

    with at(DUE):
        assert list(meeting_not_logged(DUE)) == []


def test_a_late_sweep_sends_the_latest_week_only_never_a_pile_of_stale_ones(internship):
    # Weeks 3 and 4 unlogged; the sweep runs first after week 4's reminder is due.
    later = DUE + timedelta(weeks=1, hours=1)
    with at(later):
        dues = list(meeting_not_logged(later))

    assert {d.about for d in dues} == {f"internship:{internship.pk}:week:4"}


def test_an_internship_no_longer_running_is_not_reminded(internship):
    Internship.objects.filter(pk=internship.pk).update(status=Internship.Status.WITHDRAWN)

    with at(DUE):
        assert list(meeting_not_logged(DUE)) == []


def test_an_extension_moves_the_boundaries_with_it(internship):
    # Moved a week later (say, illness): week 3 now ends a week later, and so does its reminder.
    Internship.objects.filter(pk=internship.pk).update(**dates_from(STARTS + timedelta(weeks=1)))

    with at(DUE):
        assert list(meeting_not_logged(DUE)) == []
    moved = DUE + timedelta(weeks=1)
    with at(moved):
        assert {d.due_at for d in meeting_not_logged(moved)} == {moved}


def test_the_last_short_week_is_reminded_two_days_after_the_internship_ends(participation, ana):
    ends = STARTS + timedelta(days=7 * 11 + 3)
    short = InternshipFactory(
        participation=participation, intern=ana, **{**dates_from(STARTS), "ends_at": ends}
    )
    for week in range(1, 12):
        meeting(short, week, ana)

    due = ends + timedelta(days=2)
    with at(due):
        (reminded,) = meeting_not_logged(due)
    assert (reminded.about, reminded.due_at) == (f"internship:{short.pk}:week:12", due)
