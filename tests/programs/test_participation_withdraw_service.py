import pytest
from django.core.exceptions import ValidationError

from programs.models import Participation
from programs.services.participations import participation_withdraw

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [Participation.Status.DRAFT, Participation.Status.APPLIED])
def test_it_withdraws_an_undecided_participation(participation, org_admin, status):
    Participation.objects.filter(pk=participation.pk).update(status=status)

    participation_withdraw(participation=participation, by=org_admin)

    participation.refresh_from_db()
    assert participation.status == Participation.Status.WITHDRAWN


def test_an_accepted_organization_is_sent_to_a_program_admin(participation, org_admin):
    with pytest.raises(ValidationError, match="ask a program admin"):
        participation_withdraw(participation=participation, by=org_admin)

    participation.refresh_from_db()
    assert participation.status == Participation.Status.ACCEPTED


def test_withdrawing_twice_says_it_already_happened(participation, org_admin):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)
    participation_withdraw(participation=participation, by=org_admin)

    with pytest.raises(ValidationError, match="already withdrawn"):
        participation_withdraw(participation=participation, by=org_admin)
