"""Accepting a mentor or org-admin invitation.

Access: the single-use token is the permission, so whoever holds a valid link may accept;
anonymous people are sent to sign up (a new address) or log in (a known one) and come back;
an unknown token is 404; a used, revoked or expired one is 410.
"""

from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from programs.models import Membership, Participation
from programs.services.memberships import invitation_accept, invitation_create, invitation_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(participation, org_admin):
    return invitation_create(
        participation=participation, email="ivy@example.org", role="mentor", by=org_admin
    )


def path(issued):
    return issued.link.removeprefix(settings.SITE_URL)


def test_an_anonymous_visitor_new_to_the_site_is_sent_to_sign_up_with_the_address(client, issued):
    response = client.get(path(issued))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_signup") + "?")
    assert "email=ivy%40example.org" in response.url
    assert f"next={quote(path(issued), safe='')}" in response.url


def test_an_anonymous_visitor_whose_address_has_an_account_is_sent_to_log_in(
    client, participation, org_admin, applicant
):
    issued = invitation_create(
        participation=participation, email="ANA@example.org", role="mentor", by=org_admin
    )

    response = client.get(path(issued))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login") + "?")
    assert f"next={quote(path(issued), safe='')}" in response.url


def test_an_anonymous_visitor_with_a_used_link_is_told_at_once(client, issued, applicant):
    invitation_accept(invitation=issued.invitation, user=applicant, accepts_terms=True)

    response = client.get(path(issued))

    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_it_shows_the_organization_round_role_commitment_and_terms(client, issued, applicant):
    client.force_login(applicant)

    response = client.get(path(issued))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Join QEMU as mentor" in page
    assert "Google Summer of Code 2027" in page
    assert "About 5 hours a week" in page
    assert "Weekly meetings with your interns" in page
    assert "The program's terms" in page
    assert "I accept the program&#x27;s terms and the commitment" in page
    assert "signed in as ana@example.org" in page


def test_ticking_the_box_makes_the_person_a_mentor(client, issued, applicant, participation):
    client.force_login(applicant)

    response = client.post(path(issued), {"accept_terms": "on"})

    assert response.status_code == 302
    assert response.url == reverse(
        "programs:participation", args=[participation.round.slug, "qemu"]
    )
    membership = Membership.objects.get(user=applicant)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.role == Membership.Role.MENTOR


def test_a_new_org_admin_lands_on_the_dashboard(client, participation, org_admin, applicant):
    issued = invitation_create(
        participation=participation, email=applicant.email, role="org_admin", by=org_admin
    )
    client.force_login(applicant)

    response = client.post(path(issued), {"accept_terms": "on"})

    assert response.url == reverse(
        "programs:participation_manage", args=[participation.round.slug, "qemu"]
    )


def test_without_the_box_ticked_nothing_happens(client, issued, applicant):
    client.force_login(applicant)

    response = client.post(path(issued), {})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Membership.objects.filter(user=applicant).exists()


def test_a_used_link_is_gone(client, issued, applicant, outsider):
    invitation_accept(invitation=issued.invitation, user=applicant, accepts_terms=True)
    client.force_login(outsider)

    response = client.post(path(issued), {"accept_terms": "on"})

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert not Membership.objects.filter(
        user=outsider, participation=issued.invitation.participation
    ).exists()


def test_a_revoked_link_is_gone(client, issued, applicant, org_admin):
    invitation_revoke(invitation=issued.invitation, by=org_admin)
    client.force_login(applicant)

    response = client.get(path(issued))

    assert response.status_code == 410
    assert "revoked it on" in response.content.decode()


def test_an_expired_link_is_gone(client, issued, applicant):
    with time_machine.travel(issued.invitation.expires_at + timedelta(seconds=1)):
        client.force_login(applicant)  # a session from 14 days ago has expired too
        response = client.get(path(issued))

    assert response.status_code == 410
    assert "It expired on" in response.content.decode()


def test_a_link_of_an_organization_that_left_is_gone(client, issued, applicant, participation):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.WITHDRAWN)
    client.force_login(applicant)

    response = client.get(path(issued))

    assert response.status_code == 410
    assert "no longer taking part" in response.content.decode()


def test_an_unknown_token_is_not_found(client, applicant):
    client.force_login(applicant)

    assert client.get("/invitations/not-a-real-token/").status_code == 404


def test_a_current_mentor_is_told_they_already_hold_the_role(client, issued, mentor):
    client.force_login(mentor)

    response = client.post(path(issued), {"accept_terms": "on"})

    assert response.status_code == 200
    assert "already mentor of QEMU" in response.content.decode()
