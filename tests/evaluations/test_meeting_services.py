"""Weekly meetings: either side logs the week's meeting once, either side corrects it until
the other side confirms it, and the server holds every rule (weeks, dates, sides)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluations.models import Internship, WeeklyMeeting
from evaluations.services.internships import withdraw
from evaluations.services.meetings import confirm_meeting, edit_meeting, log_meeting
from tests.evaluations.internship_world import content, running_internship
from tests.factories import UserFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db]


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor])


def test_the_intern_logs_a_week_and_who_wrote_it_is_recorded(internship, applicant):
    logged = log_meeting(internship=internship, week=3, by=applicant, content=content())

    assert (logged.week, logged.written_by, logged.confirmed_at) == (3, applicant, None)
    assert logged.progress == "The backup job runs end to end."
    assert logged.written_at is not None


def test_a_mentor_logs_too(internship, mentor):
    log_meeting(internship=internship, week=1, by=mentor, content=content())

    assert WeeklyMeeting.objects.get().written_by == mentor


def test_org_admins_program_admins_and_others_do_not_write_the_log(
    internship, org_admin, program_admin, outsider
):
    for person in (org_admin, program_admin, outsider):
        with pytest.raises(ValidationError, match="Only the intern and the mentors"):
            log_meeting(internship=internship, week=1, by=person, content=content())
    assert not WeeklyMeeting.objects.exists()


def test_a_week_is_logged_once_and_a_second_log_is_refused_clearly(internship, applicant, mentor):
    log_meeting(internship=internship, week=2, by=applicant, content=content())

    with pytest.raises(ValidationError, match="Week 2 already has a meeting logged"):
        log_meeting(internship=internship, week=2, by=mentor, content=content())
    assert WeeklyMeeting.objects.count() == 1


def test_a_week_not_yet_started_cannot_be_logged_and_its_start_is_named_in_the_zone(
    internship, mentor
):
    with pytest.raises(ValidationError) as refused:
        log_meeting(internship=internship, week=6, by=mentor, content=content())

    message = refused.value.messages[0]
    assert message.startswith("Week 6 starts ")
    assert "CET" in message or "CEST" in message  # the mentor's zone, Europe/Berlin


def test_weeks_outside_the_internship_are_refused(internship, applicant):
    for week in (0, 13):
        with pytest.raises(ValidationError, match="weeks 1 to 12"):
            log_meeting(internship=internship, week=week, by=applicant, content=content())


def test_a_meeting_is_not_dated_in_the_future_or_before_the_internship(internship, applicant):
    with pytest.raises(ValidationError, match="in the future"):
        log_meeting(
            internship=internship,
            week=1,
            by=applicant,
            content=content(held_at=timezone.now() + timedelta(hours=1)),
        )
    with pytest.raises(ValidationError, match="before the internship started"):
        log_meeting(
            internship=internship,
            week=1,
            by=applicant,
            content=content(held_at=internship.starts_at - timedelta(days=1)),
        )


def test_progress_is_required(internship, applicant):
    with pytest.raises(ValidationError, match="progress is required"):
        log_meeting(internship=internship, week=1, by=applicant, content=content(progress=" "))


def test_a_withdrawn_internship_takes_no_more_meetings(internship, applicant):
    withdraw(internship=internship, by=applicant, reason="A job offer.")
    internship.refresh_from_db()

    with pytest.raises(ValidationError, match="is withdrawn: its meetings log is closed"):
        log_meeting(internship=internship, week=1, by=applicant, content=content())


def test_the_other_side_confirms_and_the_writers_side_cannot(internship, applicant, mentor):
    logged = log_meeting(internship=internship, week=1, by=applicant, content=content())

    with pytest.raises(ValidationError, match="a mentor must confirm this one"):
        confirm_meeting(meeting=logged, by=applicant)
    confirmed = confirm_meeting(meeting=logged, by=mentor, seen=logged.updated_at)

    assert (confirmed.confirmed_by, confirmed.is_confirmed) == (mentor, True)


def test_a_co_mentor_cannot_confirm_a_mentors_log(participation, applicant, mentor):
    co_mentor = UserFactory()
    internship = running_internship(participation, applicant, [mentor, co_mentor])
    logged = log_meeting(internship=internship, week=1, by=mentor, content=content())

    with pytest.raises(ValidationError, match="the intern must confirm"):
        confirm_meeting(meeting=logged, by=co_mentor)


def test_either_side_corrects_the_log_until_it_is_confirmed(internship, applicant, mentor):
    logged = log_meeting(internship=internship, week=1, by=applicant, content=content())

    edited = edit_meeting(meeting=logged, by=mentor, content=content(blockers="None left."))

    assert (edited.blockers, edited.written_by) == ("None left.", mentor)
    # The mentor now wrote it: the intern confirms.
    confirm_meeting(meeting=edited, by=applicant)
    with pytest.raises(ValidationError, match="can no longer change"):
        edit_meeting(meeting=edited, by=mentor, content=content())


def test_a_confirmation_of_a_version_since_changed_is_refused(internship, applicant, mentor):
    logged = log_meeting(internship=internship, week=1, by=applicant, content=content())
    read_at = logged.updated_at  # what the mentor's page showed
    with time_machine.travel(read_at + timedelta(minutes=5)):
        edit_meeting(meeting=logged, by=applicant, content=content(progress="More done."))

        with pytest.raises(ValidationError, match="changed since you read it"):
            confirm_meeting(meeting=logged, by=mentor, seen=read_at)
    assert not WeeklyMeeting.objects.get().is_confirmed


def test_a_confirmed_log_is_not_confirmed_twice(internship, applicant, mentor):
    logged = log_meeting(internship=internship, week=1, by=applicant, content=content())
    confirm_meeting(meeting=logged, by=mentor)

    with pytest.raises(ValidationError, match="already confirmed"):
        confirm_meeting(meeting=logged, by=mentor)
    assert Internship.objects.get().status == Internship.Status.ACTIVE
