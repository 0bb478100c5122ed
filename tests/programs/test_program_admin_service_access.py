"""The program admin's services (deciding on organizations, granting slots, opening and
changing rounds) check, as their pages do, that the person runs programs: called from
anywhere else by anyone else, they refuse and change nothing."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from programs.models import Participation, Round
from programs.schedules import dates_from
from programs.services.decisions import participation_accept, participation_reject, slots_grant
from programs.services.rounds import round_open, round_update
from tests.factories import OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

NOT_PROGRAM_ADMINS = ["org_admin", "mentor", "applicant"]


@pytest.fixture
def applied(round_):
    return ParticipationFactory(
        round=round_,
        organization=OrganizationFactory(name="Ganeti", slug="ganeti"),
        status=Participation.Status.APPLIED,
    )


@pytest.mark.parametrize("who", NOT_PROGRAM_ADMINS)
def test_only_program_admins_accept_or_reject_an_organization(applied, request, who):
    person = request.getfixturevalue(who)
    for decide in (participation_accept, participation_reject):
        with pytest.raises(ValidationError, match="Only program admins may"):
            decide(participation=applied, by=person)

    applied.refresh_from_db()
    assert applied.status == Participation.Status.APPLIED
    assert applied.decided_by is None


@pytest.mark.parametrize("who", NOT_PROGRAM_ADMINS)
def test_only_program_admins_grant_slots(participation, request, who):
    with pytest.raises(ValidationError, match="Only program admins may grant slots"):
        slots_grant(participation=participation, by=request.getfixturevalue(who), slots=2)

    participation.refresh_from_db()
    assert participation.slots_granted is None


@pytest.mark.parametrize("who", NOT_PROGRAM_ADMINS)
def test_only_program_admins_open_or_change_a_round(program, round_, request, who):
    person = request.getfixturevalue(who)
    dates = dates_from(datetime(2028, 2, 1, tzinfo=UTC))
    with pytest.raises(ValidationError, match="Only program admins may open a round"):
        round_open(
            program=program, by=person, name="GSoC 2028", slug="gsoc-2028", total_slots=9,
            dates=dates,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Only program admins may change a round"):
        round_update(round_=round_, by=person, name="Taken over", total_slots=1, dates=dates)

    assert not Round.objects.filter(slug="gsoc-2028").exists()
    round_.refresh_from_db()
    assert round_.name == "Google Summer of Code 2027"


def test_a_program_admin_still_decides_and_opens(program, applied, program_admin):
    participation_accept(participation=applied, by=program_admin)
    round_open(
        program=program, by=program_admin, name="GSoC 2028", slug="gsoc-2028", total_slots=9,
        dates=dates_from(datetime(2028, 2, 1, tzinfo=UTC)),
    )  # fmt: skip

    applied.refresh_from_db()
    assert applied.status == Participation.Status.ACCEPTED
    assert Round.objects.filter(slug="gsoc-2028").exists()
