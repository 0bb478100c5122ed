"""The round's rules bound an extension: at most its longest extension, only before the
window it moves opens, and only until the round's cutoff; each refusal names the moment in
the program admin's own zone."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from evaluations.models import Internship
from evaluations.services.extensions import extend
from tests.evaluations.internship_world import dates_from
from tests.factories import InternshipFactory, UserFactory

pytestmark = pytest.mark.django_db

STARTS = datetime(2027, 6, 1, 16, 0, tzinfo=UTC)
DATES = dates_from(STARTS)


@pytest.fixture
def admin(db):
    return UserFactory(is_program_admin=True, timezone="America/Sao_Paulo")


def round_closing(participation, final_close):
    """The round's final evaluations close at `final_close` (and the round ends after)."""
    round_ = participation.round
    round_.ends = final_close + timedelta(weeks=1)
    round_.final_close = final_close
    round_.save()


@pytest.fixture
def internship(participation, applicant):
    round_closing(participation, DATES["final_closes"])
    return InternshipFactory(participation=participation, intern=applicant, **DATES)


def extending(internship, admin, at, **kwargs):
    values = {"weeks": 1, "reason": "Exams.", **kwargs}
    with time_machine.travel(at, tick=False):
        return extend(internship=internship, by=admin, **values)


def test_the_rounds_longest_extension_is_allowed_and_one_week_more_is_not(internship, admin):
    rules = internship.participation.round.rules
    rules.extension_max_weeks = 3
    rules.save()

    with pytest.raises(ValidationError, match="1 to 3 weeks in this round"):
        extending(internship, admin, STARTS, weeks=4)
    extending(internship, admin, STARTS, weeks=3)

    assert Internship.objects.get().ends_at == DATES["ends_at"] + timedelta(weeks=3)


def test_the_midterm_moves_until_its_window_opens_and_not_after(internship, admin):
    opens = DATES["midterm_opens"]
    extending(internship, admin, opens - timedelta(seconds=1), midterm=True)
    moved = Internship.objects.get()
    assert moved.midterm_opens == opens + timedelta(weeks=1)

    with pytest.raises(ValidationError, match="The midterm window opened") as refused:
        extending(moved, admin, moved.midterm_opens, midterm=True)
    # 1 week later than 13 Jul 2027 16:00 UTC, in São Paulo.
    assert "Tue 20 Jul 2027, 13:00 -03" in str(refused.value)


def test_the_final_moves_until_its_window_opens_and_not_after(participation, applicant, admin):
    # A round whose cutoff comes after the internship's own final window opened.
    round_closing(participation, DATES["final_closes"] + timedelta(weeks=4))
    internship = InternshipFactory(participation=participation, intern=applicant, **DATES)

    with pytest.raises(ValidationError, match="The final evaluation window opened"):
        extending(internship, admin, DATES["final_opens"])
    extending(internship, admin, DATES["final_opens"] - timedelta(seconds=1))


def test_nothing_is_extended_from_the_rounds_cutoff_on(internship, admin):
    rules = internship.participation.round.rules
    rules.extension_cutoff_days = 14
    rules.save()
    cutoff = DATES["final_closes"] - timedelta(days=14)

    with pytest.raises(ValidationError, match="last day for extensions was Tue 17 Aug 2027"):
        extending(internship, admin, cutoff)
    extending(internship, admin, cutoff - timedelta(seconds=1))


def test_the_rounds_longest_extension_counts_every_extension_of_the_internship(internship, admin):
    rules = internship.participation.round.rules
    rules.extension_max_weeks = 3
    rules.save()
    extending(internship, admin, STARTS, weeks=2)

    with pytest.raises(ValidationError, match=r"extended by 2 weeks already.*at most 1 more"):
        extending(internship, admin, STARTS, weeks=2)
    extending(internship, admin, STARTS, weeks=1)

    assert Internship.objects.get().ends_at == DATES["ends_at"] + timedelta(weeks=3)
    with pytest.raises(ValidationError, match="no more"):
        extending(internship, admin, STARTS, weeks=1)
