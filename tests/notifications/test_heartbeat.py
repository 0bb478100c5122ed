import time
from datetime import UTC, datetime

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker

from config.celery import app
from notifications.models import Heartbeat
from notifications.tasks import heartbeat


@pytest.mark.django_db
def test_a_heartbeat_records_when_the_worker_was_last_seen():
    with time_machine.travel("2027-03-01 12:00Z", tick=False):
        heartbeat()
    with time_machine.travel("2027-03-01 12:01Z", tick=False):
        heartbeat()
    (beat,) = Heartbeat.objects.all()
    assert beat.name.startswith("worker@")
    assert beat.last_seen == datetime(2027, 3, 1, 12, 1, tzinfo=UTC)


@pytest.fixture
def real_worker(requires_redis):
    """A Celery worker thread on the real broker (Redis in CI), tasks no longer eager."""
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
        ):
            yield
    finally:
        app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_the_broker_runs_the_heartbeat(real_worker):
    heartbeat.delay()
    deadline = time.monotonic() + 20
    while not Heartbeat.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert Heartbeat.objects.count() == 1
