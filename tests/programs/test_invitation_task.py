"""The invitation email leaves from a worker, which retries a failing mail server."""

import pytest
from django.core import mail

from config.celery import app
from programs.models import Membership
from programs.services.memberships import invitation_create, invitation_revoke
from programs.tasks import send_invitation
from tests.notifications.flaky_backend import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = "tests.notifications.flaky_backend.FlakyBackend"
    FlakyBackend.failures = 0
    yield FlakyBackend
    FlakyBackend.failures = 0


@pytest.fixture
def eager_retries():
    """Eager retries run at once; with task_eager_propagates Celery would raise the second
    retry into the test instead of running it."""
    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = propagates


@pytest.fixture
def issued(participation, org_admin):
    return invitation_create(
        participation=participation,
        email="kai@example.org",
        role=Membership.Role.MENTOR,
        by=org_admin,
    )


def test_a_failing_mail_server_is_retried_and_the_invitation_goes_once(
    issued, flaky_mail, eager_retries
):
    flaky_mail.failures = 2
    result = send_invitation.apply(args=[issued.invitation.pk, issued.link], throw=False)
    assert result.result == "sent"
    assert [message.to for message in mail.outbox] == [["kai@example.org"]]
    assert issued.link in mail.outbox[0].body


def test_an_invitation_revoked_before_the_worker_got_to_it_is_not_sent(issued, org_admin):
    invitation_revoke(invitation=issued.invitation, by=org_admin)
    assert send_invitation(issued.invitation.pk, issued.link) == "skipped"
    assert mail.outbox == []
