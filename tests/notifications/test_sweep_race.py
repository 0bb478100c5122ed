"""Two sweeps at once, and two workers delivering the same message at once, on PostgreSQL,
where the two really run in parallel on separate connections."""

import threading

import pytest
from django.core import mail
from django.db import connection

from notifications import due, sweep
from notifications.delivery import message_deliver
from notifications.models import Message
from tests.notifications.conftest import person
from tests.notifications.outbox_helpers import message_for
from tests.notifications.world import NOW, as_of, everything_due

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def in_parallel(function, count=2):
    """Run `function(index)` in `count` threads; each closes its own connection."""
    results: dict[int, object] = {}
    errors: list[BaseException] = []

    def run(index):
        try:
            results[index] = function(index)
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=[index]) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return results


def test_two_sweeps_at_once_create_and_send_each_reminder_once(
    requires_postgres, draft, monkeypatch
):
    expected = everything_due(draft)
    both_planned = threading.Barrier(2, timeout=10)
    seen: list[int] = []
    plan = due.plan

    def plan_then_wait(now):
        planned = plan(now)
        # Control: both sweeps see every message as new, so only the database can decide.
        seen.append(sum(1 for item in planned if item.state == "new"))
        both_planned.wait()
        return planned

    monkeypatch.setattr(due, "plan", plan_then_wait)
    with as_of():
        results = in_parallel(lambda _: sweep.sweep_once(NOW))

    assert seen == [len(expected), len(expected)]
    assert sum(len(created) for created in results.values()) == len(expected)
    assert Message.objects.count() == len(expected)
    assert Message.objects.filter(status=Message.Status.SENT).count() == len(expected)
    assert len(mail.outbox) == len(expected)


def test_two_workers_delivering_one_message_at_once_send_it_once(requires_postgres):
    message = message_for(person("ana@example.org", "UTC"))
    start = threading.Barrier(2, timeout=10)

    def deliver(_):
        start.wait()
        return message_deliver(pk=message.pk).result

    results = in_parallel(deliver)
    assert sorted(results.values()) == ["sent", "skipped"]
    assert len(mail.outbox) == 1
