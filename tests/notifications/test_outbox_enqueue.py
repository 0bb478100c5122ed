"""message_enqueue: a row once per identity, rendered in the recipient's zone, delivered
only after commit."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from notifications.models import Message, NotificationPreference
from notifications.outbox import message_enqueue
from notifications.registry import LEADS
from programs.timeline import MILESTONES
from tests.notifications.conftest import ORG_DEADLINE, person

pytestmark = pytest.mark.django_db

DUE = datetime(2027, 2, 12, 18, 0, tzinfo=UTC)


def enqueue(recipient, *, kind="round_deadline", about="round:1:org_applications_close", **extra):
    context = {
        "round": extra.pop("round"),
        "milestone": MILESTONES[1],
        "deadline": ORG_DEADLINE,
        "lead": LEADS[0],
        "link": "https://example.org/rounds/gsoc/",
    }
    return message_enqueue(
        kind=kind, recipient=recipient, about=about, due_at=DUE, context=context, **extra
    )


def test_it_creates_the_message_once_and_returns_none_the_second_time(
    fixed_round, django_capture_on_commit_callbacks
):
    ana = person("ana@example.org", "UTC")
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue(ana, round=fixed_round)
        second = enqueue(ana, round=fixed_round)
    assert first is not None
    assert second is None
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_database_refuses_a_second_row_of_the_same_identity(fixed_round):
    message = enqueue(person("ana@example.org", "UTC"), round=fixed_round)
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(
            kind=message.kind,
            recipient=message.recipient,
            about=message.about,
            due_at=message.due_at,
            dedupe_key="",
            subject="again",
            text="again",
            next_attempt_at=DUE,
        )


@pytest.mark.parametrize(
    ("zone", "named"),
    [
        ("Europe/Berlin", "Mon 15 Feb 2027, 19:00 CET (Europe/Berlin)"),
        ("Asia/Kolkata", "Mon 15 Feb 2027, 23:30 IST (Asia/Kolkata)"),
    ],
)
def test_it_renders_the_dates_in_the_recipients_zone(fixed_round, zone, named):
    message = enqueue(person("ana@example.org", zone), round=fixed_round)
    assert named in message.text
    assert named in message.html
    assert message.subject.startswith("[Internships] In three days: ")


def test_a_text_email_is_not_html_escaped(fixed_round):
    fixed_round.name = "Rust & C <2027>"
    message = enqueue(person("ana@example.org", "UTC"), round=fixed_round)
    assert "Rust & C <2027>" in message.text
    assert "Rust & C <2027>" in message.subject
    assert "Rust &amp; C &lt;2027&gt;" in message.html


def test_nothing_is_delivered_before_the_transaction_commits(
    fixed_round, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue(person("ana@example.org", "UTC"), round=fixed_round)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_rolled_back_enqueue_leaves_no_row_and_sends_nothing(
    fixed_round, django_capture_on_commit_callbacks
):
    ana = person("ana@example.org", "UTC")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue(ana, round=fixed_round)
        raise RuntimeError("the decision failed after enqueuing")
    assert callbacks == []
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_an_optional_kind_the_person_turned_off_is_not_created(fixed_round):
    ana = person("ana@example.org", "UTC")
    NotificationPreference.objects.create(user=ana, kind="round_deadline", enabled=False)
    assert enqueue(ana, round=fixed_round) is None
    assert Message.objects.count() == 0


def test_a_duty_reminder_goes_even_if_a_stray_preference_says_off(fixed_round, draft):
    ana = person("ana@example.org", "UTC")
    NotificationPreference.objects.create(user=ana, kind="org_application_deadline", enabled=False)
    message = message_enqueue(
        kind="org_application_deadline",
        recipient=ana,
        about=f"participation:{draft.pk}",
        due_at=DUE,
        context={
            "participation": draft,
            "round": fixed_round,
            "deadline": ORG_DEADLINE,
            "lead": LEADS[0],
            "link": "https://example.org/",
        },
    )
    assert message is not None
    assert "Turn off" not in message.text


def test_an_inactive_account_gets_nothing(fixed_round):
    ana = person("ana@example.org", "UTC", is_active=False)
    assert enqueue(ana, round=fixed_round) is None


def test_an_unknown_kind_is_a_clear_error(fixed_round):
    with pytest.raises(ValueError, match="Unknown message kind 'no_such_kind'"):
        enqueue(person("ana@example.org", "UTC"), kind="no_such_kind", round=fixed_round)
