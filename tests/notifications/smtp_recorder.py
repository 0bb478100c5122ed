"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1, in a thread), which keeps what it
receives and how many rows were marked sent when each message arrived."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from notifications.models import Message

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
    def start(recorder: Recorder | None = None, **handler_options) -> Recorder:
        recorder = recorder or Recorder(**handler_options)
        with socket.socket() as probe:  # a free port
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(recorder, hostname="127.0.0.1", port=port)
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
