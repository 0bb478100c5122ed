import pytest
from django.core.exceptions import ValidationError

from programs.services.memberships import invitation_accept, invitation_create, invitation_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(participation, org_admin):
    return invitation_create(
        participation=participation, email="ivy@example.org", role="mentor", by=org_admin
    ).invitation


def test_it_revokes_an_open_invitation(invitation, org_admin):
    invitation_revoke(invitation=invitation, by=org_admin)

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_revoking_twice_says_it_already_happened(invitation, org_admin):
    invitation_revoke(invitation=invitation, by=org_admin)

    with pytest.raises(ValidationError, match="already accepted or revoked"):
        invitation_revoke(invitation=invitation, by=org_admin)


def test_an_accepted_invitation_cannot_be_revoked(invitation, org_admin, applicant):
    invitation_accept(invitation=invitation, user=applicant, accepts_terms=True)

    with pytest.raises(ValidationError, match="already accepted"):
        invitation_revoke(invitation=invitation, by=org_admin)

    invitation.refresh_from_db()
    assert invitation.revoked_at is None
