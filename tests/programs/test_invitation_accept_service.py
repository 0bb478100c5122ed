from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from programs.models import Invitation, Membership, Participation
from programs.services.memberships import (
    InvitationUnavailable,
    invitation_accept,
    invitation_create,
    invitation_revoke,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(participation, org_admin):
    issued = invitation_create(
        participation=participation, email="ivy@example.org", role="mentor", by=org_admin
    )
    return fresh(issued.invitation)


def fresh(invitation):
    """The invitation as a new request loads it."""
    return Invitation.objects.select_related(
        "participation__round", "participation__organization", "invited_by"
    ).get(pk=invitation.pk)


def accept(invitation, user, accepts_terms=True):
    return invitation_accept(invitation=invitation, user=user, accepts_terms=accepts_terms)


def test_it_makes_an_active_membership_with_the_terms_accepted_now(
    invitation, applicant, org_admin
):
    moment = invitation.created_at + timedelta(days=1)
    with time_machine.travel(moment, tick=False):
        membership = accept(invitation, applicant)

    assert membership.user == applicant
    assert membership.role == Membership.Role.MENTOR
    assert membership.status == Membership.Status.ACTIVE
    assert membership.terms_accepted_at == moment
    assert membership.invited_by == org_admin


def test_the_invitation_records_who_used_it_whatever_address_it_went_to(invitation, applicant):
    assert applicant.email != invitation.email

    accept(invitation, applicant)

    invitation.refresh_from_db()
    assert invitation.accepted_by == applicant
    assert invitation.accepted_at is not None


def test_it_refuses_without_the_terms_accepted(invitation, applicant):
    with pytest.raises(ValidationError, match="Accept the program's terms"):
        accept(invitation, applicant, accepts_terms=False)

    assert not Membership.objects.filter(user=applicant).exists()
    assert fresh(invitation).accepted_at is None


def test_a_link_works_once_even_when_used_twice_at_the_same_moment(invitation, applicant, outsider):
    # Two tabs loaded the page before either submitted: both hold an invitation that looks
    # open. Only the conditional UPDATE decides.
    first_tab, second_tab = fresh(invitation), fresh(invitation)

    accept(first_tab, applicant)
    with pytest.raises(InvitationUnavailable) as refusal:
        accept(second_tab, outsider)

    assert refusal.value.reason == "used"
    assert (
        Membership.objects.filter(participation=invitation.participation_id)
        .filter(user__in=[applicant, outsider])
        .count()
        == 1
    )
    assert fresh(invitation).accepted_by == applicant


def test_the_same_person_clicking_twice_gets_one_membership(invitation, applicant):
    accept(fresh(invitation), applicant)

    with pytest.raises(InvitationUnavailable, match="already been used"):
        accept(fresh(invitation), applicant)

    assert Membership.objects.filter(user=applicant).count() == 1


def test_an_expired_link_is_refused(invitation, applicant):
    with (
        time_machine.travel(invitation.expires_at + timedelta(seconds=1)),
        pytest.raises(InvitationUnavailable, match="expired") as refusal,
    ):
        accept(invitation, applicant)

    assert refusal.value.reason == "expired"
    assert not Membership.objects.filter(user=applicant).exists()


def test_a_link_still_works_one_second_before_it_expires(invitation, applicant):
    with time_machine.travel(invitation.expires_at - timedelta(seconds=1)):
        accept(invitation, applicant)

    assert Membership.objects.filter(user=applicant).exists()


def test_a_revoked_link_is_refused(invitation, applicant, org_admin):
    invitation_revoke(invitation=invitation, by=org_admin)

    with pytest.raises(InvitationUnavailable, match="revoked"):
        accept(fresh(invitation), applicant)


def test_someone_who_left_is_welcomed_back_in_the_same_membership(
    invitation, participation, applicant
):
    old = MembershipFactory(
        participation=participation,
        user=applicant,
        role=Membership.Role.MENTOR,
        status=Membership.Status.WITHDRAWN,
        ended_at="2027-01-01T00:00Z",
    )

    membership = accept(invitation, applicant)

    assert membership.pk == old.pk
    old.refresh_from_db()
    assert old.status == Membership.Status.ACTIVE
    assert old.ended_at is None
    assert old.invited_by == invitation.invited_by


def test_someone_who_already_holds_the_role_is_told_so_and_the_link_stays_open(invitation, mentor):
    with pytest.raises(ValidationError, match="already mentor of QEMU"):
        accept(invitation, mentor)

    assert fresh(invitation).accepted_at is None


def test_an_organization_that_left_the_round_takes_no_one(invitation, participation, applicant):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.WITHDRAWN)

    with pytest.raises(InvitationUnavailable, match="no longer taking part"):
        accept(fresh(invitation), applicant)
