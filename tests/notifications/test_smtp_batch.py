"""A batch sent to a real SMTP server (aiosmtpd on 127.0.0.1) over one connection: each
message recorded as sent before the server can accept the next, refusals kept for a retry."""

import email
import email.policy
import smtplib
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail as django_mail
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connection, transaction

from notifications.delivery import messages_deliver
from notifications.models import Message
from notifications.tasks import requeue_stuck
from tests.notifications.conftest import person
from tests.notifications.outbox_helpers import message_for
from tests.notifications.smtp_recorder import Recorder

pytestmark = pytest.mark.django_db(transaction=True)

Status = Message.Status
CLAIMED = datetime(2027, 2, 12, 18, 0, tzinfo=UTC)


def parsed(content: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(content, policy=email.policy.default)


def test_a_batch_goes_over_one_connection_each_marked_sent_before_the_next_arrives(
    smtp_server,
):
    server = smtp_server()
    ana = person("ana@example.org", "UTC")
    pks = [
        message_for(
            ana, about=f"test:{n}", text=f"Line one\n.a line that starts with a dot {n}\n"
        ).pk
        for n in range(3)
    ]

    batch = messages_deliver(pks=pks)

    assert batch.ids("sent") == pks
    assert server.connections == 1
    assert server.sent_rows_on_arrival == [0, 1, 2]
    assert Message.objects.filter(status=Status.SENT).count() == 3
    recipients, content = server.received[0]
    assert recipients == ["ana@example.org"]
    assert b"\r\n.a line that starts with a dot 0" in content  # unstuffed by the server
    assert django_mail.outbox == []


def test_a_refused_recipient_waits_for_a_retry_and_the_others_go(smtp_server):
    server = smtp_server(refuse="bob@example.org")
    ana, bob = person("ana@example.org", "UTC"), person("bob@example.org", "UTC")
    first, refused, last = (
        message_for(ana, about="test:1").pk,
        message_for(bob, about="test:2").pk,
        message_for(ana, about="test:3").pk,
    )

    batch = messages_deliver(pks=[first, refused, last])

    assert batch.ids("sent") == [first, last]
    assert batch.outcomes[refused].result == "retry"
    assert "SMTPRecipientsRefused" in Message.objects.get(pk=refused).last_error
    assert Message.objects.get(pk=refused).status == Status.PENDING
    assert len(server.received) == 2


class WorkerDied(BaseException):
    """Stands for the worker's death: not an Exception, so nothing on the way records it."""


class DyingSMTP(smtplib.SMTP):
    """A client whose worker dies as soon as the server says it took the second message."""

    def __init__(self, *args, **kwargs):
        self.contents = 0
        super().__init__(*args, **kwargs)

    def send(self, s):
        super().send(s)
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.contents += 1

    def getreply(self):
        reply = super().getreply()
        if self.contents == 2:
            raise WorkerDied
        return reply


class DyingBackend(SMTPBackend):
    @property
    def connection_class(self):
        return DyingSMTP


def test_a_worker_dying_after_the_server_took_a_message_sends_only_that_one_twice(
    smtp_server, settings
):
    server = smtp_server()
    ana = person("ana@example.org", "UTC")
    first, in_flight, untried = (message_for(ana, about=f"test:{n}", at=CLAIMED) for n in "123")
    settings.EMAIL_BACKEND = f"{__name__}.DyingBackend"
    with time_machine.travel(CLAIMED, tick=False), pytest.raises(WorkerDied):
        messages_deliver(pks=[first.pk, in_flight.pk, untried.pk])
    assert Message.objects.get(pk=first.pk).status == Status.SENT  # marked before the next
    assert Message.objects.get(pk=in_flight.pk).status == Status.SENDING

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with time_machine.travel(CLAIMED + timedelta(minutes=10), tick=False):
        assert requeue_stuck() == 2
    subjects = [parsed(content)["Subject"] for _, content in server.received]
    assert subjects == [first.subject, in_flight.subject, in_flight.subject, untried.subject]
    assert set(Message.objects.values_list("status", flat=True)) == {Status.SENT}


def lock_for_a_while(pk: int, seconds: float) -> None:
    """Another connection holds the row's lock for `seconds`; returns once it holds it."""
    locked = threading.Event()

    def hold():
        try:
            with transaction.atomic():
                Message.objects.select_for_update().get(pk=pk)
                locked.set()
                time.sleep(seconds)
        finally:
            connection.close()

    threading.Thread(target=hold).start()
    assert locked.wait(timeout=10)


class LockingRecorder(Recorder):
    """Once it has the first message, locks its row for a while: its sent mark waits."""

    def __init__(self, first_pk: int):
        super().__init__()
        self.first_pk = first_pk

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        if len(self.received) == 1:
            await server.loop.run_in_executor(None, lock_for_a_while, self.first_pk, 0.5)
        return answer


def test_the_next_message_waits_until_the_database_has_committed_the_previous_mark(
    smtp_server, requires_postgres
):
    """The mark goes to PostgreSQL while the server answers MAIL, and the next message's
    content is written only once the mark is committed, however slow the database is."""
    ana = person("ana@example.org", "UTC")
    pks = [message_for(ana, about=f"test:{n}").pk for n in range(2)]
    server = smtp_server(LockingRecorder(first_pk=pks[0]))

    assert messages_deliver(pks=pks).ids("sent") == pks

    assert server.sent_rows_on_arrival == [0, 1]
