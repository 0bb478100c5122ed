"""The status page's retry button: a failed message goes back to the queue and is sent once.

Access: program admins only (POST); signed-in people without the role get 403 whether or not
the message exists (messages are private); anonymous people are sent to log in; GET is not
allowed.
"""

import pytest
from django.core import mail
from django.urls import reverse

from notifications.delivery import message_deliver
from notifications.models import Message
from notifications.tasks import deliver
from tests.notifications.conftest import person
from tests.notifications.outbox_helpers import message_for

pytestmark = pytest.mark.django_db

Status = Message.Status


def url(message) -> str:
    return reverse("notifications:retry", args=[message.pk])


@pytest.fixture
def failed(db):
    return message_for(
        person("rae@example.org", "UTC"), status=Status.FAILED, attempts=5, last_error="boom"
    )


def test_an_smtp_failure_shows_on_the_status_page_and_the_retry_sends_it_once(
    client, program_admin, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail.failures = 1
    message = message_for(person("rae@example.org", "UTC"))
    assert message_deliver(pk=message.pk).result == "retry"  # the worker's first attempt
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, 1)

    client.force_login(program_admin)
    page = client.get(reverse("notifications:status")).content.decode()
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in page
    assert url(message) in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(message))
        client.post(url(message))  # a second click, or the scheduled retry, sends nothing more
    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:status")
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2)
    assert len(mail.outbox) == 1
    assert deliver([message.pk]) == {"skipped": 1}  # Celery's own retry, when its countdown ends
    assert len(mail.outbox) == 1


def test_a_failed_message_is_sent_again_once(
    client, program_admin, failed, django_capture_on_commit_callbacks
):
    client.force_login(program_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(failed))
    failed.refresh_from_db()
    assert failed.status == Status.SENT
    assert len(mail.outbox) == 1


def test_a_sent_message_cannot_be_retried(client, program_admin, failed):
    Message.objects.filter(pk=failed.pk).update(status=Status.SENT)
    client.force_login(program_admin)
    response = client.post(url(failed), follow=True)
    assert "This message is sent; only a failed or waiting message can be retried." in (
        response.content.decode()
    )
    assert mail.outbox == []


@pytest.mark.parametrize("persona", ["org_admin", "mentor", "applicant", "outsider"])
def test_a_signed_in_person_without_the_role_is_forbidden(client, request, persona, failed):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url(failed)).status_code == 403
    missing = reverse("notifications:retry", args=[failed.pk + 1000])
    assert client.post(missing).status_code == 403
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


def test_an_unknown_message_is_not_found_for_a_program_admin(client, program_admin):
    client.force_login(program_admin)
    assert client.post(reverse("notifications:retry", args=[999])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, failed):
    response = client.post(url(failed))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_get_is_not_allowed(client, program_admin, failed):
    client.force_login(program_admin)
    assert client.get(url(failed)).status_code == 405
