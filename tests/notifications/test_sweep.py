"""The sweep: every registered reminder asked what is due, each message created and sent
once however often the sweep runs."""

from datetime import timedelta

import pytest
from celery.signals import task_prerun
from django.core import mail

from notifications import registry
from notifications.due import due_now
from notifications.models import Message
from notifications.sweep import sweep_once
from programs.timeline import MILESTONES
from tests.notifications.conftest import person
from tests.notifications.world import NOW, as_of, everything_due

pytestmark = pytest.mark.django_db


def test_the_registry_found_the_reminders_of_every_app():
    names = set(registry.reminders())
    assert {
        "programs.reminders.participation_draft_deadline",
        "programs.reminders.invitation_open",
        "programs.reminders.round_deadline",
        "programs.reminders.program_admin_digest",
        "notifications.reminders.heartbeat_stale",
    } <= names


def test_run_twice_it_creates_and_sends_each_reminder_once(
    draft, django_capture_on_commit_callbacks
):
    expected = everything_due(draft)
    with django_capture_on_commit_callbacks(execute=True), as_of():
        first = sweep_once(NOW)
    with django_capture_on_commit_callbacks(execute=True), as_of(NOW + timedelta(minutes=2)):
        second = sweep_once(NOW + timedelta(minutes=2))

    assert second == []
    assert sorted((m.kind, m.recipient) for m in first) == sorted(
        (kind, person) for kind, person in expected.items()
    )
    assert Message.objects.filter(status=Message.Status.SENT).count() == len(expected)
    assert len(mail.outbox) == len(expected)


def test_a_reminder_that_fails_does_not_stop_the_others(draft, monkeypatch):
    everything_due(draft)

    def broken(now):
        raise RuntimeError("a bug in one app's reminders")

    monkeypatch.setitem(registry._reminders, "tests.broken", broken)
    with as_of():
        assert len(due_now(NOW)) == 5


def test_a_copy_goes_to_each_person_copied_and_says_why(fixed_round, monkeypatch):
    """The mechanism for duties owed by mentors (the org admins copied on the last one)."""
    mira = person("mira@example.org", "UTC")
    olga = person("olga@example.org", "Europe/Berlin")

    def mentor_duty(now):
        yield registry.Due(
            kind="round_deadline",
            recipient=mira,
            about="duty:1",
            due_at=NOW,
            context={
                "round": fixed_round,
                "milestone": MILESTONES[1],
                "deadline": NOW + timedelta(days=1),
                "lead": registry.LEADS[1],
                "link": "https://example.org/",
            },
            copy_to=(olga, mira),
        )

    monkeypatch.setattr(registry, "_reminders", {"tests.mentor_duty": mentor_duty})
    with as_of():
        created = sweep_once(NOW)
        assert sweep_once(NOW) == []
    by_person = {m.recipient: m for m in created}
    assert set(by_person) == {mira, olga}
    assert "You are copied on this reminder to Mira" in by_person[olga].text
    assert "copied" not in by_person[mira].text
    assert by_person[olga].dedupe_key == f"copy-of:{mira.pk}"


def test_it_publishes_one_delivery_task_per_batch_not_per_message(
    draft, settings, django_capture_on_commit_callbacks
):
    expected = everything_due(draft)
    settings.NOTIFICATIONS_BATCH_SIZE = 2
    batches: list[list[int]] = []

    def record(sender, args, **kwargs):
        if sender.name == "notifications.tasks.deliver":
            batches.append(args[0])

    task_prerun.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True), as_of():
            created = sweep_once(NOW)
    finally:
        task_prerun.disconnect(record)

    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert sorted(pk for batch in batches for pk in batch) == sorted(m.pk for m in created)
    assert len(mail.outbox) == len(expected)
