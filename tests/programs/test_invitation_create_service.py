from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs.models import Invitation, Membership, Participation, hash_token
from programs.services.memberships import invitation_create

pytestmark = pytest.mark.django_db


def invite(participation, by, email="ivy@example.org", role=Membership.Role.MENTOR):
    return invitation_create(participation=participation, email=email, role=role, by=by)


def test_it_stores_only_the_hash_of_the_token_in_the_link(participation, org_admin, settings):
    issued = invite(participation, org_admin)

    token = issued.link.rstrip("/").rsplit("/", 1)[-1]
    assert issued.link == settings.SITE_URL + reverse("programs:invitation_accept", args=[token])
    assert len(token) >= 43  # secrets.token_urlsafe(32)
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash


def test_it_records_who_invited_whom_as_what(participation, org_admin):
    invite(participation, org_admin, role=Membership.Role.ORG_ADMIN)

    invitation = Invitation.objects.get()
    assert invitation.email == "ivy@example.org"
    assert invitation.role == Membership.Role.ORG_ADMIN
    assert invitation.invited_by == org_admin
    assert invitation.participation == participation


def test_the_link_expires_in_14_days(participation, org_admin):
    with time_machine.travel("2027-03-01 12:00Z", tick=False):
        invite(participation, org_admin)

    assert Invitation.objects.get().expires_at.isoformat() == "2027-03-15T12:00:00+00:00"


def test_every_invitation_gets_its_own_token(participation, org_admin):
    first = invite(participation, org_admin, email="a@example.org")
    second = invite(participation, org_admin, email="b@example.org")

    assert first.link != second.link


def test_a_second_open_invitation_for_the_same_address_and_role_is_refused(
    participation, org_admin
):
    invite(participation, org_admin)

    with pytest.raises(ValidationError, match="already has an open invitation"):
        invite(participation, org_admin, email="IVY@example.org")

    assert Invitation.objects.count() == 1


def test_the_same_address_may_be_invited_to_the_other_role(participation, org_admin):
    invite(participation, org_admin, role=Membership.Role.MENTOR)
    invite(participation, org_admin, role=Membership.Role.ORG_ADMIN)

    assert Invitation.objects.count() == 2


def test_an_expired_invitation_does_not_block_a_new_one(participation, org_admin):
    invite(participation, org_admin)

    with time_machine.travel(timedelta(days=15)):
        invite(participation, org_admin)

    assert Invitation.objects.count() == 2


def test_a_revoked_invitation_does_not_block_a_new_one(participation, org_admin):
    Invitation.objects.filter(pk=invite(participation, org_admin).invitation.pk).update(
        revoked_at="2027-01-01T00:00Z"
    )

    invite(participation, org_admin)

    assert Invitation.objects.count() == 2


def test_inviting_someone_who_already_holds_the_role_is_refused(participation, org_admin, mentor):
    with pytest.raises(ValidationError, match="already mentor of QEMU"):
        invite(participation, org_admin, email="MIRA@example.org")


def test_a_verified_second_address_of_a_role_holder_is_recognised(participation, org_admin, mentor):
    EmailAddress.objects.create(user=mentor, email="mira@home.example", verified=True)

    with pytest.raises(ValidationError, match="already mentor"):
        invite(participation, org_admin, email="mira@home.example")


def test_a_mentor_may_be_invited_to_become_org_admin(participation, org_admin, mentor):
    invite(participation, org_admin, email=mentor.email, role=Membership.Role.ORG_ADMIN)

    assert Invitation.objects.get().role == Membership.Role.ORG_ADMIN


def test_a_withdrawn_organization_takes_no_new_people(participation, org_admin):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.WITHDRAWN)

    with pytest.raises(ValidationError, match="takes no new people"):
        invite(participation, org_admin)
