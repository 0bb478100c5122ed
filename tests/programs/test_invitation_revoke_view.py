import pytest
from django.urls import reverse

from programs.services.memberships import invitation_create
from tests.factories import MembershipFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(participation, org_admin):
    return invitation_create(
        participation=participation, email="ivy@example.org", role="mentor", by=org_admin
    ).invitation


def url(invitation, participation=None):
    participation = participation or invitation.participation
    return reverse(
        "programs:invitation_revoke",
        args=[participation.round.slug, participation.organization.slug, invitation.pk],
    )


def test_an_org_admin_revokes_an_invitation(client, invitation, org_admin):
    client.force_login(org_admin)

    response = client.post(url(invitation), follow=True)

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "The invitation to ivy@example.org is revoked." in response.content.decode()


def test_a_mentor_of_the_organization_is_forbidden(client, invitation, mentor):
    client.force_login(mentor)

    assert client.post(url(invitation)).status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_an_outsider_is_not_found(client, invitation, outsider):
    client.force_login(outsider)

    assert client.post(url(invitation)).status_code == 404


def test_an_org_admin_of_another_organization_cannot_reach_it_through_their_own(
    client, invitation, round_
):
    other = ParticipationFactory(round=round_)
    admin = MembershipFactory(participation=other, role="org_admin").user
    client.force_login(admin)

    assert client.post(url(invitation, participation=other)).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, invitation):
    response = client.post(url(invitation))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_only_answers_post(client, invitation, org_admin):
    client.force_login(org_admin)

    assert client.get(url(invitation)).status_code == 405
