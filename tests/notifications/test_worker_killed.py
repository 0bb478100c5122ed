"""A real Celery worker, on real Redis and PostgreSQL, killed (SIGKILL) in the middle of
sending: no message is lost. The row stays "sending" with a claim that goes stale, and
requeue_stuck sends it once. The crash after the mail server accepted the message, the one
instant that can send twice, is shown in test_delivery_crash.py."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
import time_machine
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from config.celery import app
from notifications.models import Message
from notifications.tasks import deliver, requeue_stuck
from tests.notifications.conftest import person
from tests.notifications.outbox_helpers import message_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

Status = Message.Status
ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def this_tests_database_url() -> str:
    """The URL of the database this test uses (test_internships, or _gw0 under xdist)."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{quote(db['NAME'], safe='')}"


@pytest.fixture
def broker(requires_postgres, requires_redis):
    """This test process's own Redis database as the broker, tasks no longer eager.

    The database is emptied before and after: the killed task stays unacknowledged
    (acks_late), and Redis would hand it to the next worker of another test.
    """
    queue = redis.Redis.from_url(settings.REDIS_URL)
    queue.flushdb()
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        app.conf.task_always_eager = True
        queue.flushdb()


@pytest.fixture
def marker(tmp_path):
    return tmp_path / "sending"


@pytest.fixture
def worker(broker, marker, tmp_path):
    """A real worker process whose mail backend hangs inside the send (killed_worker_settings).

    --pool solo runs tasks in the main process, so killing that pid kills the send itself.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.killed_worker_settings",
        "DATABASE_URL": this_tests_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "SLOW_MAIL_MARKER": str(marker),
    }
    log = tmp_path / "worker.log"
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
        "--concurrency", "1", "-Q", "celery", "--without-heartbeat", "--without-mingle",
        "--without-gossip", "--loglevel", "INFO",
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and Celery
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    process.log = log
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_a_worker_killed_while_sending_loses_no_message_and_it_is_sent_once(worker, marker):
    ana = person("ana@example.org", "UTC")
    message = message_for(ana, at=timezone.now())
    deliver.delay([message.pk])

    # The worker has claimed the row and is inside the send, which hangs.
    assert wait_for(marker.exists), worker.log.read_text()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENDING, 1)

    os.kill(worker.pid, signal.SIGKILL)
    assert worker.wait(timeout=10) == -signal.SIGKILL

    # Nothing went out and nothing was recorded: the claim is all that is left.
    message.refresh_from_db()
    assert (message.status, message.sent_at) == (Status.SENDING, None)
    assert mail.outbox == []

    # Past the stale window, the periodic requeue sends it (in this process, eagerly, to
    # the locmem outbox).
    app.conf.task_always_eager = True
    later = timezone.now() + timedelta(seconds=settings.NOTIFICATIONS_CLAIM_STALE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        assert requeue_stuck() == 1
        assert requeue_stuck() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2)
    (email,) = mail.outbox
    assert email.to == [ana.email]
