"""Delivering one message: claim, send outside any transaction, record; retries with
back-off; failed after the last attempt."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail

from config.celery import app
from notifications.delivery import backoff, message_deliver
from notifications.models import Message, NotificationPreference
from notifications.tasks import deliver
from tests.notifications.conftest import person
from tests.notifications.outbox_helpers import message_for

pytestmark = pytest.mark.django_db

Status = Message.Status


@pytest.fixture
def ana(db):
    return person("ana@example.org", "Europe/Berlin")


def test_it_sends_the_message_once_and_marks_it_sent(ana):
    message = message_for(ana)
    with time_machine.travel("2027-02-12 18:00:05Z", tick=False):
        assert message_deliver(pk=message.pk).result == "sent"
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 1)
    assert message.sent_at.isoformat() == "2027-02-12T18:00:05+00:00"
    (email,) = mail.outbox
    assert email.to == ["ana@example.org"]
    assert email.subject == message.subject
    assert email.body == message.text
    assert email.alternatives[0][0] == message.html


def test_a_second_delivery_of_the_same_message_is_skipped(ana):
    message = message_for(ana)
    assert deliver([message.pk]) == {"sent": 1}
    assert deliver([message.pk]) == {"skipped": 1}
    assert len(mail.outbox) == 1


def test_a_message_being_sent_by_another_worker_is_skipped(ana):
    message = message_for(
        ana, status=Status.SENDING, claimed_at=datetime(2027, 2, 12, 18, tzinfo=UTC)
    )
    with time_machine.travel("2027-02-12 18:05Z", tick=False):
        assert message_deliver(pk=message.pk).result == "skipped"
    assert mail.outbox == []


def test_an_optional_kind_carries_the_one_click_unsubscribe_headers(ana):
    message_for(ana, kind="round_deadline")
    deliver([Message.objects.get().pk])
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe"].startswith("<http")
    assert "/notifications/off/" in headers["List-Unsubscribe"]
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_duty_reminder_has_no_unsubscribe_header(ana):
    message_for(ana, kind="org_application_deadline")
    deliver([Message.objects.get().pk])
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_an_smtp_failure_keeps_the_error_and_waits_for_a_retry(ana, flaky_mail):
    flaky_mail.failures = 1
    message = message_for(ana)
    with time_machine.travel("2027-02-12 18:00Z", tick=False):
        outcome = message_deliver(pk=message.pk)
    assert (outcome.result, outcome.retry_in) == ("retry", 30)
    message.refresh_from_db()
    assert message.status == Status.PENDING
    assert message.attempts == 1
    assert message.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert message.next_attempt_at.isoformat() == "2027-02-12T18:00:30+00:00"
    assert mail.outbox == []


@pytest.fixture
def eager_retries():
    """Eager retries run at once, countdown ignored; Celery applies the second one with
    `throw` from task_eager_propagates, which would raise its Retry into the test."""
    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = propagates


def test_the_task_retries_a_failed_send_and_it_goes_once(ana, flaky_mail, eager_retries):
    flaky_mail.failures = 2
    message = message_for(ana)
    result = deliver.apply(args=[[message.pk]], throw=False)
    assert result.result == {"retry": 1}  # the first attempt; its retries ran eagerly
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 3)
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_message_is_failed_with_its_error(
    ana, flaky_mail, eager_retries, settings
):
    flaky_mail.failures = 99
    message = message_for(ana)
    deliver.apply(args=[[message.pk]], throw=False)
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.attempts == settings.NOTIFICATIONS_MAX_ATTEMPTS
    assert "SMTPServerDisconnected" in message.last_error
    assert mail.outbox == []


def test_the_back_off_doubles_up_to_ten_minutes():
    assert [backoff(n) for n in range(1, 8)] == [30, 60, 120, 240, 480, 600, 600]


def test_a_message_to_someone_deactivated_since_it_was_queued_is_not_sent(ana):
    message = message_for(ana)
    type(ana).objects.filter(pk=ana.pk).update(is_active=False)

    assert message_deliver(pk=message.pk).result == "withdrawn"
    message.refresh_from_db()
    assert message.status == Status.WITHDRAWN
    assert mail.outbox == []


def test_an_optional_message_turned_off_since_it_was_queued_is_not_sent(ana):
    message = message_for(ana, kind="round_deadline")
    NotificationPreference.objects.create(user=ana, kind="round_deadline", enabled=False)

    assert message_deliver(pk=message.pk).result == "withdrawn"
    assert mail.outbox == []
