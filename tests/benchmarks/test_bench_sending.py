"""The sending figure of `make bench` cannot rot: a real worker, started as the benchmark
starts it, sends the sweep's queued messages to aiosmtpd, and the bare loop sends them again."""

import pytest

from benchmarks.seed import seed
from benchmarks.sending import time_sending
from benchmarks.sweeping import time_sweep
from config.celery import app
from notifications.models import Message

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queued_not_run(requires_postgres, requires_redis):
    """Tasks go to the broker instead of running in the test, as in production."""
    app.conf.task_always_eager = False
    app.control.purge()
    yield
    app.control.purge()
    app.conf.task_always_eager = True


def test_a_real_worker_sends_every_swept_message_and_the_bare_loop_sends_them_again(
    queued_not_run, tmp_path
):
    world = seed(0.002)
    swept = time_sweep(world)
    # Every message the sweep made (the followers' deadline reminders and the applicants'
    # reminders of their drafts), not the sent ones the seed made for the status page.
    made = Message.objects.filter(status=Message.Status.PENDING).values_list("pk", flat=True)
    messages = Message.objects.filter(pk__in=list(made))

    sending = time_sending(messages, log=tmp_path / "worker.log")

    assert sending.unsent == {}
    assert sending.total == swept.messages == messages.count()
    assert set(messages.values_list("status", flat=True)) == {Message.Status.SENT}
    assert sending.bare_messages == 2 * swept.messages  # once before the worker, once after
    assert sending.bare_rate > 0
