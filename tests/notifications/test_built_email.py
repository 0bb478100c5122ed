"""Each email is built when its row is created, and sending hands those bytes to the mail
server as they are: the same Message-ID on every try, the one-click unsubscribe link in
them; the recipient's state is read again at send time, and a changed address gets a fresh
email to the new address."""

import email
import email.policy
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from notifications.creation import messages_create
from notifications.delivery import messages_deliver
from notifications.models import Message
from notifications.registry import LEADS, Due
from notifications.smtp import recipient
from programs.timeline import MILESTONES
from tests.notifications.conftest import ORG_DEADLINE, person

pytestmark = pytest.mark.django_db(transaction=True)

Status = Message.Status
DUE = datetime(2027, 2, 12, 18, 0, tzinfo=UTC)


def created(recipient, fixed_round, *, about="round:1:org_applications_close") -> Message:
    """The row as the outbox creates it (its delivery not yet scheduled)."""
    context = {
        "round": fixed_round,
        "milestone": MILESTONES[1],
        "deadline": ORG_DEADLINE,
        "lead": LEADS[0],
        "link": "https://example.org/rounds/gsoc/",
    }
    due = Due(kind="round_deadline", recipient=recipient, about=about, due_at=DUE, context=context)
    [message] = messages_create([due])
    return Message.objects.get(pk=message.pk)


def parsed(content: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(content, policy=email.policy.default)


def test_a_new_message_holds_its_email_ready_to_send(fixed_round):
    message = created(person("ana@example.org", "Europe/Berlin"), fixed_round)

    built = parsed(bytes(message.email_bytes))
    assert message.address == "ana@example.org"
    assert built["To"] == "ana@example.org"
    assert built["Subject"] == message.subject
    assert built["Message-ID"]
    assert built["List-Unsubscribe"].strip().startswith("<http")
    assert "/notifications/off/" in built["List-Unsubscribe"]
    assert built["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert b"\r\n" in bytes(message.email_bytes)  # SMTP's line ends, ready for the wire
    parts = {part.get_content_type(): part.get_content() for part in built.iter_parts()}
    assert parts["text/plain"].replace("\r\n", "\n") == message.text
    assert parts["text/html"].replace("\r\n", "\n").strip() == message.html.strip()


def test_the_mail_server_receives_the_bytes_built_with_the_row(fixed_round, smtp_server):
    server = smtp_server()
    message = created(person("ana@example.org", "UTC"), fixed_round)

    assert messages_deliver(pks=[message.pk]).ids("sent") == [message.pk]

    [(recipients, content)] = server.received
    assert recipients == ["ana@example.org"]
    assert content == bytes(message.email_bytes)


def test_a_message_sent_again_after_a_crash_keeps_its_message_id(fixed_round, smtp_server):
    """Receivers that drop duplicates by Message-ID can drop the one copy SMTP may make."""
    server = smtp_server()
    message = created(person("ana@example.org", "UTC"), fixed_round)
    messages_deliver(pks=[message.pk])
    Message.objects.filter(pk=message.pk).update(status=Status.PENDING)  # as if never marked

    messages_deliver(pks=[message.pk])

    first, second = (parsed(content) for _, content in server.received)
    assert first["Message-ID"] == second["Message-ID"]


def test_a_recipient_whose_address_changed_gets_it_at_the_new_address(fixed_round, smtp_server):
    server = smtp_server()
    ana = person("ana@example.org", "UTC")
    message = created(ana, fixed_round)
    ana.email = "ana@new.example.org"
    ana.save()

    assert messages_deliver(pks=[message.pk]).ids("sent") == [message.pk]

    [(recipients, content)] = server.received
    assert recipients == ["ana@new.example.org"]
    assert parsed(content)["To"] == "ana@new.example.org"
    assert parsed(content)["Subject"] == message.subject


def test_an_address_with_a_non_ascii_domain_is_given_to_the_server_in_punycode(
    fixed_round, smtp_server
):
    server = smtp_server()
    message = created(person("ana@bücher.example", "UTC"), fixed_round)

    assert message.address == recipient("ana@bücher.example") == "ana@xn--bcher-kva.example"
    assert messages_deliver(pks=[message.pk]).ids("sent") == [message.pk]
    assert server.received[0][0] == ["ana@xn--bcher-kva.example"]
    assert server.received[0][1] == bytes(message.email_bytes)  # not built a second time


def test_a_row_made_before_emails_were_stored_is_built_when_it_is_sent(fixed_round, smtp_server):
    server = smtp_server()
    message = created(person("ana@example.org", "UTC"), fixed_round)
    Message.objects.filter(pk=message.pk).update(email_bytes=b"", address="")

    with time_machine.travel(DUE + timedelta(days=1), tick=False):
        assert messages_deliver(pks=[message.pk]).ids("sent") == [message.pk]

    received = parsed(server.received[0][1])
    assert received["To"] == "ana@example.org"
    assert received["List-Unsubscribe"].strip().startswith("<http")
    assert received["Message-ID"] != parsed(bytes(message.email_bytes))["Message-ID"]
