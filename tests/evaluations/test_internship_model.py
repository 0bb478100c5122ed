"""An internship's own dates: taken from its round when its creator gives none (the
announcement creates internships naming only the people and the proposal), kept when given,
and cut into weeks."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from evaluations.models import Internship
from tests.evaluations.internship_world import dates_from
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_internship_created_with_only_its_people_takes_its_windows_from_the_round(
    participation, applicant, mentor
):
    internship = Internship.objects.create(
        participation=participation, intern=applicant, project_title="Disk backup tool"
    )
    internship.mentors.set([mentor])

    internship.refresh_from_db()
    round_ = participation.round
    assert internship.starts_at == round_.coding_start
    assert internship.ends_at == round_.final_open
    assert (internship.midterm_opens, internship.midterm_closes) == (
        round_.midterm_open,
        round_.midterm_close,
    )
    assert (internship.final_opens, internship.final_closes) == (
        round_.final_open,
        round_.final_close,
    )
    assert internship.status == Internship.Status.ACTIVE


def test_windows_given_by_the_creator_are_kept(participation, applicant):
    starts = timezone.now().replace(microsecond=0)
    internship = Internship.objects.create(
        participation=participation, intern=applicant, **dates_from(starts, weeks=10)
    )

    internship.refresh_from_db()
    assert internship.starts_at == starts
    assert internship.weeks == 10


def test_a_short_last_week_counts_as_a_week_and_ends_with_the_internship(participation, applicant):
    starts = timezone.now()
    dates = {**dates_from(starts), "ends_at": starts + timedelta(days=7 * 11 + 3)}
    internship = Internship.objects.create(participation=participation, intern=applicant, **dates)

    assert internship.weeks == 12
    assert internship.week_bounds(12) == (starts + timedelta(days=77), dates["ends_at"])
    assert internship.weeks_ended_by(starts + timedelta(days=15)) == 2
    assert internship.weeks_ended_by(starts - timedelta(days=1)) == 0
    assert internship.weeks_ended_by(dates["ends_at"]) == 12


def test_the_database_refuses_an_internship_ending_before_it_starts(participation):
    starts = timezone.now()
    with pytest.raises(IntegrityError):
        Internship.objects.create(
            participation=participation,
            intern=UserFactory(),
            **{**dates_from(starts), "ends_at": starts - timedelta(days=1)},
        )
