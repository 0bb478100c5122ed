"""The services that change an organization's application and its people check, as their
pages do, that the person manages the participation (its org admins, program admins): called
from anywhere else by anyone else, they refuse and change nothing."""

import pytest
from django.core.exceptions import ValidationError

from programs.models import Invitation, Membership, Participation
from programs.services.memberships import invitation_create, invitation_revoke
from programs.services.participations import (
    participation_submit,
    participation_update_answers,
    participation_withdraw,
)

pytestmark = pytest.mark.django_db

NOT_MANAGERS = ["mentor", "outsider", "applicant"]


@pytest.fixture
def draft(participation):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.DRAFT)
    participation.refresh_from_db()
    return participation


@pytest.mark.parametrize("who", NOT_MANAGERS)
def test_only_its_managers_change_submit_or_withdraw_a_participation(draft, request, who):
    person = request.getfixturevalue(who)
    calls = [
        lambda: participation_update_answers(
            participation=draft, by=person, answers={"motivation": "Taken over."}
        ),
        lambda: participation_submit(participation=draft, by=person),
        lambda: participation_withdraw(participation=draft, by=person),
    ]
    for call in calls:
        with pytest.raises(ValidationError, match="Only the organization's admins may"):
            call()

    draft.refresh_from_db()
    assert draft.status == Participation.Status.DRAFT


@pytest.mark.parametrize("who", NOT_MANAGERS)
def test_only_its_managers_invite_people_or_revoke_an_invitation(
    participation, org_admin, request, who
):
    person = request.getfixturevalue(who)
    issued = invitation_create(
        participation=participation, email="new@example.org", role="mentor", by=org_admin
    )

    with pytest.raises(ValidationError, match="Only the organization's admins may invite"):
        invitation_create(
            participation=participation, email="eve@example.org", role="org_admin", by=person
        )
    with pytest.raises(ValidationError, match="Only the organization's admins may revoke"):
        invitation_revoke(invitation=issued.invitation, by=person)

    assert list(Invitation.objects.values_list("email", "revoked_at")) == [
        ("new@example.org", None)
    ]
    assert not Membership.objects.filter(user__email="eve@example.org").exists()
