"""A batch sent to a real SMTP server (aiosmtpd on 127.0.0.1) over one connection: each
message recorded as sent before the server can accept the next, refusals kept for a retry."""

import socket

import pytest
from django.core import mail as django_mail
from django.db import connection

from notifications.delivery import messages_deliver
from notifications.models import Message
from tests.notifications.conftest import person
from tests.notifications.outbox_helpers import message_for

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")

pytestmark = pytest.mark.django_db(transaction=True)

Status = Message.Status


class Recorder:
    """Keeps what it receives, and how many rows were marked sent when each one arrived."""

    def __init__(self, refuse: str = ""):
        self.received: list[tuple[list[str], bytes]] = []
        self.sent_rows_on_arrival: list[int] = []
        self.connections = 0
        self.refuse = refuse

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address == self.refuse:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, envelope.content))
        self.sent_rows_on_arrival.append(await server.loop.run_in_executor(None, sent_rows))
        return "250 OK"


def sent_rows() -> int:
    """Read on the server's side, in a thread of its own (closing its connection after)."""
    try:
        return Message.objects.filter(status=Status.SENT).count()
    finally:
        connection.close()


@pytest.fixture
def smtp_server(settings):
    def start(**handler_options) -> Recorder:
        recorder = Recorder(**handler_options)
        with socket.socket() as probe:  # a free port
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = aiosmtpd_controller.Controller(recorder, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        return recorder

    servers = []
    yield start
    for controller in servers:
        controller.stop()


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
