"""A real Celery worker on the real broker (Redis in CI) runs the sweep; each reminder is
delivered once, even when the sweep runs again."""

import time

import pytest
from django.core import mail

from notifications.models import Heartbeat, Message
from notifications.tasks import heartbeat, sweep
from tests.notifications.world import as_of, everything_due

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def test_a_real_worker_runs_the_sweep_and_each_mail_is_delivered_once(draft, real_worker):
    expected = everything_due(draft)
    # No heartbeat incident here: this worker's own heartbeat is written below.
    Heartbeat.objects.all().delete()
    del expected["heartbeat_stale"]
    sent = Message.objects.filter(status=Message.Status.SENT)
    # The worker thread runs in this process, under the same frozen clock.
    with as_of():
        sweep.delay()
        assert wait_for(lambda: sent.count() == len(expected))

        # The sweep again, then a heartbeat: the worker takes tasks one at a time, in order,
        # so once the heartbeat is written the second sweep has finished.
        sweep.delay()
        heartbeat.delay()
        assert wait_for(lambda: Heartbeat.objects.filter(name__startswith="worker@").exists())

    assert Message.objects.count() == len(expected)
    assert sent.count() == len(expected)
    assert len(mail.outbox) == len(expected)
