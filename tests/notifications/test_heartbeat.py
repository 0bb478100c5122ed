"""Heartbeats of workers and beat, and the alert to program admins once per incident."""

import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from celery.beat import PersistentScheduler
from django.core import mail

from config.celery import app
from notifications.beat import HeartbeatScheduler
from notifications.models import Heartbeat, Message
from notifications.sweep import sweep_once
from notifications.tasks import heartbeat
from tests.notifications.conftest import person

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_heartbeat_records_when_the_worker_was_last_seen():
    with time_machine.travel("2027-03-01 12:00Z", tick=False):
        heartbeat()
    with time_machine.travel("2027-03-01 12:01Z", tick=False):
        heartbeat()
    (beat,) = Heartbeat.objects.all()
    assert beat.name.startswith("worker@")
    assert beat.last_seen == datetime(2027, 3, 1, 12, 1, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_the_broker_runs_the_heartbeat(real_worker):
    heartbeat.delay()
    deadline = time.monotonic() + 20
    while not Heartbeat.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert Heartbeat.objects.count() == 1


@pytest.fixture
def scheduler(monkeypatch, tmp_path):
    """Beat's scheduler without its schedule file or tasks: only what it adds is tested.

    Its tests are transactional: beat runs outside any transaction, and it recycles its
    database connection as a request would, which a test transaction forbids.
    """
    monkeypatch.setattr(PersistentScheduler, "tick", lambda self, *args, **kwargs: 300.0)
    return HeartbeatScheduler(app, schedule_filename=str(tmp_path / "schedule"), lazy=True)


@pytest.mark.django_db(transaction=True)
def test_beat_records_its_own_heartbeat_at_most_once_a_minute(scheduler):
    with time_machine.travel(NOW, tick=False):
        assert scheduler.tick() == 60
    with time_machine.travel(NOW + timedelta(seconds=59), tick=False):
        scheduler.tick()
    (row,) = Heartbeat.objects.all()
    assert row.name.startswith("beat@")
    assert row.last_seen == NOW
    with time_machine.travel(NOW + timedelta(seconds=60), tick=False):
        scheduler.tick()
    row.refresh_from_db()
    assert row.last_seen == NOW + timedelta(seconds=60)


@pytest.mark.django_db(transaction=True)
def test_beat_enqueues_the_alert_when_the_workers_are_silent(scheduler):
    paula = person("paula@example.org", "Europe/Berlin", is_program_admin=True)
    Heartbeat.objects.create(name="worker@a", last_seen=NOW - timedelta(minutes=3, seconds=1))
    with time_machine.travel(NOW, tick=False):
        scheduler.tick()
    (alert,) = Message.objects.all()
    # In production it waits in the outbox for a worker to come back; here tasks are eager.
    assert (alert.recipient, alert.kind) == (paula, "heartbeat_stale")
    assert "No Celery worker, which sends every email, has reported since" in alert.text
    assert "Mon 01 Mar 2027, 12:56 CET (Europe/Berlin)" in alert.text


@pytest.mark.parametrize(
    ("zone", "named"),
    [
        ("Europe/Berlin", "since Mon 01 Mar 2027, 12:57 CET (Europe/Berlin)"),
        ("America/New_York", "since Mon 01 Mar 2027, 06:57 EST (America/New_York)"),
    ],
)
@pytest.mark.django_db
def test_the_alert_is_due_three_minutes_into_a_silence_and_not_one_second_before(zone, named):
    paula = person("paula@example.org", zone, is_program_admin=True)
    Heartbeat.objects.create(name="beat@a", last_seen=NOW - timedelta(minutes=3))
    Heartbeat.objects.create(name="worker@a", last_seen=NOW)
    second = timedelta(seconds=1)
    with time_machine.travel(NOW - second, tick=False):
        assert sweep_once(NOW - second) == []
    with time_machine.travel(NOW, tick=False):
        (alert,) = sweep_once(NOW)
    assert (alert.recipient, alert.due_at) == (paula, NOW)
    assert (
        f"Beat, which starts the reminder sweep every five minutes, has not reported {named}"
    ) in alert.text


@pytest.mark.django_db
def test_the_sweep_emails_program_admins_once_per_incident(django_capture_on_commit_callbacks):
    paula = person("paula@example.org", "UTC", is_program_admin=True)
    root = person("root@example.org", "Asia/Kolkata", is_superuser=True)
    person("ana@example.org", "UTC")
    Heartbeat.objects.create(name="worker@a", last_seen=NOW)
    beat = Heartbeat.objects.create(name="beat@a", last_seen=NOW - timedelta(minutes=4))
    with django_capture_on_commit_callbacks(execute=True):
        for minutes in (0, 5, 10):
            later = NOW + timedelta(minutes=minutes)
            Heartbeat.objects.filter(name="worker@a").update(last_seen=later)
            with time_machine.travel(later, tick=False):
                sweep_once(later)
    assert sorted(email.to[0] for email in mail.outbox) == [paula.email, root.email]
    assert mail.outbox[0].subject == "[Internships] Beat stopped reporting"

    # Beat comes back, then falls silent again: a new incident, a new email.
    beat.last_seen = NOW + timedelta(minutes=20)
    beat.save()
    later = NOW + timedelta(minutes=30)
    Heartbeat.objects.filter(name="worker@a").update(last_seen=later)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(later, tick=False):
        sweep_once(later)
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_a_worker_coming_back_after_a_silence_reports_it_once(django_capture_on_commit_callbacks):
    person("paula@example.org", "UTC", is_program_admin=True)
    Heartbeat.objects.create(name="worker@a", last_seen=NOW - timedelta(minutes=20))
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(NOW, tick=False):
            heartbeat()
        with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
            heartbeat()
            sweep_once(NOW + timedelta(minutes=1))
    (email,) = mail.outbox
    assert email.subject == "[Internships] The workers stopped reporting (back now)"
    assert "It reported again at Mon 01 Mar 2027, 12:00 UTC: reminders due" in email.body


@pytest.mark.django_db
def test_the_beat_schedule_runs_heartbeat_sweep_and_requeue(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["heartbeat"]["schedule"] == 60.0
    assert schedule["sweep"] == {"task": "notifications.tasks.sweep", "schedule": 300.0}
    assert schedule["requeue-stuck"]["task"] == "notifications.tasks.requeue_stuck"
    assert settings.CELERY_BEAT_SCHEDULER == "notifications.beat:HeartbeatScheduler"
