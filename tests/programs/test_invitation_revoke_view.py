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


def test_it_asks_first_and_says_what_will_happen(client, invitation, org_admin):
    client.force_login(org_admin)

    response = client.get(url(invitation))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Revoke the invitation to ivy@example.org?" in page
    assert "The link sent to ivy@example.org stops working at once" in page
    assert f'<form method="post" action="{url(invitation)}">' in page
    assert "private" in response["Cache-Control"]
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_dashboard_leads_to_the_question_not_to_the_action(client, invitation, org_admin):
    client.force_login(org_admin)
    participation = invitation.participation

    page = client.get(
        reverse(
            "programs:participation_manage",
            args=[participation.round.slug, participation.organization.slug],
        )
    ).content.decode()

    assert f'<a class="button secondary" href="{url(invitation)}">Revoke' in page
    assert f'action="{url(invitation)}"' not in page


def test_a_mentor_of_the_organization_may_not_see_the_question(client, invitation, mentor):
    client.force_login(mentor)

    assert client.get(url(invitation)).status_code == 403


def test_an_outsider_does_not_find_the_question(client, invitation, outsider):
    client.force_login(outsider)

    assert client.get(url(invitation)).status_code == 404
