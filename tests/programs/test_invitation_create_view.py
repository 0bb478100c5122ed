import pytest
from django.core import mail
from django.urls import reverse

from programs.models import Invitation, Membership

pytestmark = pytest.mark.django_db


def url(participation):
    return reverse(
        "programs:invitation_create",
        args=[participation.round.slug, participation.organization.slug],
    )


def data(email="ivy@example.org", role=Membership.Role.MENTOR):
    return {"invite-email": email, "invite-role": role}


def test_an_org_admin_invites_a_mentor_and_the_mail_leaves_after_commit(
    client, participation, org_admin, django_capture_on_commit_callbacks
):
    client.force_login(org_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(participation), data())

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by) == ("ivy@example.org", org_admin)
    assert len(mail.outbox) == 1


def test_a_program_admin_may_invite_an_org_admin(client, participation, program_admin):
    client.force_login(program_admin)

    client.post(url(participation), data(role=Membership.Role.ORG_ADMIN))

    assert Invitation.objects.get().role == Membership.Role.ORG_ADMIN


def test_a_bad_address_comes_back_with_what_was_typed(client, participation, org_admin):
    client.force_login(org_admin)

    response = client.post(url(participation), data(email="ivy@"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in page
    assert 'value="ivy@"' in page
    assert not Invitation.objects.exists()


def test_a_second_open_invitation_is_refused_with_a_clear_message(client, participation, org_admin):
    client.force_login(org_admin)
    client.post(url(participation), data())

    response = client.post(url(participation), data())

    assert "already has an open invitation" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_inviting_a_current_mentor_is_refused(client, participation, org_admin, mentor):
    client.force_login(org_admin)

    response = client.post(url(participation), data(email=mentor.email))

    assert "is already mentor of QEMU" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_mentor_of_the_organization_is_forbidden(client, participation, mentor):
    client.force_login(mentor)

    assert client.post(url(participation), data()).status_code == 403
    assert not Invitation.objects.exists()


def test_an_outsider_is_not_found(client, participation, outsider):
    client.force_login(outsider)

    assert client.post(url(participation), data()).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, participation):
    response = client.post(url(participation), data())

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_only_answers_post(client, participation, org_admin):
    client.force_login(org_admin)

    assert client.get(url(participation)).status_code == 405
