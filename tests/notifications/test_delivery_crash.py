"""A worker killed in the middle of sending (one message or a batch), and tasks the broker
lost: requeue_stuck sends the message, once; except at the one instant
notifications.delivery says it cannot help."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from notifications.delivery import message_send, messages_claim, messages_deliver
from notifications.models import Message
from notifications.tasks import requeue_stuck
from tests.notifications.conftest import person
from tests.notifications.outbox_helpers import message_for

pytestmark = pytest.mark.django_db

Status = Message.Status
CLAIMED = datetime(2027, 2, 12, 18, 0, tzinfo=UTC)


@pytest.fixture
def ana(db):
    return person("ana@example.org", "UTC")


def killed_while_sending(recipient, *, after_the_server_accepted: bool) -> Message:
    """A worker claims the row and dies: before sending, or after the mail server accepted
    the message but before the row was marked sent."""
    message = message_for(recipient, at=CLAIMED)
    with time_machine.travel(CLAIMED, tick=False):
        assert messages_claim(pks=[message.pk], now=CLAIMED) == [message.pk]
        if after_the_server_accepted:
            message_send(message=Message.objects.select_related("recipient").get(pk=message.pk))
    message.refresh_from_db()
    assert message.status == Status.SENDING
    return message


def test_a_row_abandoned_in_sending_is_requeued_after_the_stale_window_and_sent_once(ana):
    message = killed_while_sending(ana, after_the_server_accepted=False)
    with time_machine.travel(CLAIMED + timedelta(minutes=10), tick=False):
        assert requeue_stuck() == 1
        assert requeue_stuck() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2)
    assert len(mail.outbox) == 1


def test_a_claim_younger_than_the_stale_window_is_left_to_its_worker(ana):
    message = killed_while_sending(ana, after_the_server_accepted=False)
    with time_machine.travel(CLAIMED + timedelta(minutes=9, seconds=59), tick=False):
        assert requeue_stuck() == 0
    message.refresh_from_db()
    assert message.status == Status.SENDING
    assert mail.outbox == []


def test_a_crash_after_the_server_accepted_the_mail_sends_it_twice(ana):
    """The one instant where delivery is at-least-once, as notifications.delivery states."""
    message = killed_while_sending(ana, after_the_server_accepted=True)
    assert len(mail.outbox) == 1
    with time_machine.travel(CLAIMED + timedelta(minutes=10), tick=False):
        requeue_stuck()
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(mail.outbox) == 2


def test_a_pending_row_whose_task_was_lost_is_sent_after_ten_minutes(ana):
    message = message_for(ana, at=CLAIMED)  # its deliver task never ran
    with time_machine.travel(CLAIMED + timedelta(minutes=9, seconds=59), tick=False):
        assert requeue_stuck() == 0
    with time_machine.travel(CLAIMED + timedelta(minutes=10), tick=False):
        assert requeue_stuck() == 1
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(mail.outbox) == 1


def test_a_message_waiting_for_its_back_off_is_not_requeued_early(ana):
    retry_at = CLAIMED + timedelta(minutes=8)
    message_for(ana, at=CLAIMED, next_attempt_at=retry_at, attempts=4, last_error="x")
    with time_machine.travel(CLAIMED + timedelta(minutes=12), tick=False):
        assert requeue_stuck() == 0
    with time_machine.travel(retry_at + timedelta(minutes=10), tick=False):
        assert requeue_stuck() == 1
    assert len(mail.outbox) == 1


def test_sent_and_failed_messages_are_never_requeued(ana):
    message_for(ana, about="a", status=Status.SENT, at=CLAIMED)
    message_for(ana, about="b", status=Status.FAILED, at=CLAIMED)
    with time_machine.travel(CLAIMED + timedelta(days=1), tick=False):
        assert requeue_stuck() == 0
    assert mail.outbox == []


class WorkerDied(BaseException):
    """Stands for the worker's death: not an Exception, so nothing on the way records it."""


class DyingBackend(EmailBackend):
    """The locmem outbox, whose worker dies right after the mail server took the second
    message of the batch."""

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        if len(mail.outbox) == 2:
            raise WorkerDied
        return sent


def test_a_worker_dying_in_the_middle_of_a_batch_sends_only_the_one_in_flight_twice(ana, settings):
    first, in_flight, untried = (message_for(ana, about=f"test:{n}", at=CLAIMED) for n in "123")
    settings.EMAIL_BACKEND = f"{__name__}.DyingBackend"
    with time_machine.travel(CLAIMED, tick=False), pytest.raises(WorkerDied):
        messages_deliver(pks=[first.pk, in_flight.pk, untried.pk])
    assert Message.objects.get(pk=first.pk).status == Status.SENT  # marked at once, not later
    assert [email.subject for email in mail.outbox] == [first.subject, in_flight.subject]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(CLAIMED + timedelta(minutes=10), tick=False):
        assert requeue_stuck() == 2
    assert [email.subject for email in mail.outbox] == [
        first.subject,
        in_flight.subject,
        in_flight.subject,
        untried.subject,
    ]
    assert set(Message.objects.values_list("status", flat=True)) == {Status.SENT}
