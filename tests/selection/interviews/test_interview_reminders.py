"""Both sides of a booked interview are reminded 24 hours and 1 hour before it, each in their
own zone, exactly once; a cancelled interview is not; a moved one is, at its new time."""

from datetime import UTC, datetime, timedelta

import pytest

from notifications.models import Message
from selection.reminders import interview_reminders
from selection.services.interviews import interview_book, interview_cancel, interview_move
from tests.projects.reminders_world import SECOND, at, swept
from tests.selection.interviews.world import slot

pytestmark = pytest.mark.django_db

KIND = "interview_reminder"
BOOKED_ON = datetime(2027, 3, 1, 10, 0, tzinfo=UTC)
STARTS = datetime(2027, 3, 3, 12, 0, tzinfo=UTC)  # Wed 3 Mar 2027, 12:00 UTC


@pytest.fixture
def booked(participation, mentor, applicant, invitation):
    with at(BOOKED_ON):
        return interview_book(slot=slot(participation, mentor, STARTS), applicant=applicant)


def test_both_sides_are_reminded_a_day_before_in_their_zones_and_not_a_second_earlier(
    booked, mentor, applicant
):
    assert swept(STARTS - timedelta(days=1) - SECOND, KIND) == []

    created = swept(STARTS - timedelta(days=1), KIND)

    subjects = {m.recipient: m.subject for m in created}
    assert subjects == {
        applicant: "[Internships] Interview tomorrow: Wed 03 Mar 2027, 17:30 IST "
        "(Asia/Kolkata) with Mira Mentor",
        mentor: "[Internships] Interview tomorrow: Wed 03 Mar 2027, 13:00 CET "
        "(Europe/Berlin) with Ana Applicant",
    }


def test_and_an_hour_before_each_exactly_once(booked):
    swept(STARTS - timedelta(days=1), KIND)
    assert swept(STARTS - timedelta(hours=20), KIND) == []  # the day's reminder went already

    created = swept(STARTS - timedelta(hours=1), KIND)
    again = swept(STARTS - timedelta(minutes=30), KIND)

    assert len(created) == 2
    assert all("in an hour" in m.subject for m in created)
    assert again == []
    assert Message.objects.filter(kind=KIND).count() == 4


def test_a_cancelled_interview_is_not_reminded(booked, applicant):
    with at(BOOKED_ON):
        interview_cancel(interview=booked, by=applicant)

    assert swept(STARTS - timedelta(days=1), KIND) == []
    assert swept(STARTS - timedelta(hours=1), KIND) == []


def test_a_moved_interview_is_reminded_at_its_new_time_only(
    booked, participation, mentor, applicant
):
    later = STARTS + timedelta(hours=3)
    with at(BOOKED_ON):
        moved = interview_move(
            interview=booked, to=slot(participation, mentor, later), by=applicant
        )

    assert swept(STARTS - timedelta(days=1), KIND) == []
    created = swept(later - timedelta(days=1), KIND)

    assert {m.about for m in created} == {f"interview:{moved.pk}"}
    assert len(created) == 2


def test_an_interview_booked_within_a_day_gets_only_the_hours_reminder(
    participation, mentor, applicant, invitation
):
    with at(STARTS - timedelta(hours=5)):
        interview_book(slot=slot(participation, mentor, STARTS), applicant=applicant)

    assert swept(STARTS - timedelta(hours=4), KIND) == []
    assert len(swept(STARTS - timedelta(hours=1), KIND)) == 2


def test_the_reminder_function_reads_in_one_query_per_lead(
    booked, django_assert_num_queries, participation, mentor
):
    with at(STARTS - timedelta(days=1)), django_assert_num_queries(2):
        dues = list(interview_reminders(STARTS - timedelta(days=1)))

    assert len(dues) == 2
