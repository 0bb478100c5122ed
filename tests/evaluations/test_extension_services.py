"""A program admin extends one internship: its end and final window move (its midterm window
too while still ahead), the round's dates stay, and the change is recorded with who, when,
why and the dates before and after."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from evaluations.models import Internship, InternshipEvent
from evaluations.services.extensions import extend
from tests.evaluations.internship_world import running_internship

pytestmark = [pytest.mark.services, pytest.mark.django_db]
WEEK = timedelta(weeks=1)


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor])


def test_a_program_admin_moves_the_end_and_the_final_window(internship, program_admin):
    before = Internship.objects.get(pk=internship.pk)
    round_dates = internship.participation.round.dates

    event = extend(internship=internship, by=program_admin, weeks=2, reason="Exams in June.")

    after = Internship.objects.get(pk=internship.pk)
    assert after.ends_at == before.ends_at + 2 * WEEK
    assert after.final_opens == before.final_opens + 2 * WEEK
    assert after.final_closes == before.final_closes + 2 * WEEK
    assert after.midterm_closes == before.midterm_closes
    assert after.starts_at == before.starts_at
    assert after.weeks == before.weeks + 2
    assert (event.kind, event.by, event.reason) == ("extension", program_admin, "Exams in June.")
    assert event.details["before"]["ends_at"] == before.ends_at.isoformat()
    round_ = internship.participation.round
    round_.refresh_from_db()
    assert round_.dates == round_dates


def test_the_midterm_window_moves_too_while_it_is_ahead(internship, program_admin):
    before = Internship.objects.get(pk=internship.pk)

    extend(internship=internship, by=program_admin, weeks=1, reason="Ill.", midterm=True)

    after = Internship.objects.get(pk=internship.pk)
    assert after.midterm_opens == before.midterm_opens + WEEK
    assert after.midterm_closes == before.midterm_closes + WEEK


def test_a_midterm_window_already_open_is_not_moved(participation, applicant, program_admin):
    late = running_internship(participation, applicant, weeks_in=6.5)

    with pytest.raises(ValidationError, match="The midterm window opened"):
        extend(internship=late, by=program_admin, weeks=1, reason="Ill.", midterm=True)


def test_only_program_admins_extend(internship, org_admin, mentor, applicant):
    for person in (org_admin, mentor, applicant):
        with pytest.raises(ValidationError, match="Only program admins"):
            extend(internship=internship, by=person, weeks=1, reason="Please.")
    assert not InternshipEvent.objects.exists()


@pytest.mark.parametrize(
    ("weeks", "reason", "says"),
    [(0, "x", "1 to 6 weeks"), (7, "x", "1 to 6 weeks"), (1, " ", "reason is required")],
)
def test_the_length_and_the_reason_are_checked(internship, program_admin, weeks, reason, says):
    with pytest.raises(ValidationError, match=says):
        extend(internship=internship, by=program_admin, weeks=weeks, reason=reason)


def test_an_internship_over_is_not_extended(internship, program_admin):
    Internship.objects.filter(pk=internship.pk).update(status=Internship.Status.FAILED)

    with pytest.raises(ValidationError, match="only a running internship"):
        extend(internship=internship, by=program_admin, weeks=1, reason="Late.")
