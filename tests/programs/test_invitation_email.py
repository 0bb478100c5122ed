import pytest
from django.core import mail
from django.db import transaction

from programs.models import Membership
from programs.services.memberships import invitation_create

pytestmark = pytest.mark.django_db


def invite(participation, by):
    return invitation_create(
        participation=participation, email="ivy@example.org", role=Membership.Role.MENTOR, by=by
    )


def test_the_mail_leaves_once_and_only_after_commit(
    participation, org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invite(participation, org_admin)
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ivy@example.org"]


def test_no_mail_leaves_when_the_transaction_rolls_back(
    participation, org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                invite(participation, org_admin)
                raise RuntimeError("something after the invitation failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert mail.outbox == []


def test_it_names_the_organization_round_and_role(
    participation, org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(participation, org_admin)

    message = mail.outbox[0]
    assert message.subject == "Join QEMU as mentor in Google Summer of Code 2027"
    assert "Olga Orgadmin invites you to be mentor of QEMU" in message.body
    assert "about 5 hours a week" in message.body


def test_both_bodies_carry_a_link_that_opens_the_invitation(
    client, participation, org_admin, applicant, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        issued = invite(participation, org_admin)

    message = mail.outbox[0]
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert issued.link in message.body
    assert f'href="{issued.link}"' in html

    client.force_login(applicant)
    response = client.get(issued.link.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert "Join QEMU as mentor" in response.content.decode()


def test_dates_are_in_the_zone_of_an_invitee_who_has_an_account(
    participation, org_admin, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            participation=participation, email=applicant.email, role="mentor", by=org_admin
        )

    assert " IST." in mail.outbox[0].body
