"""Two workers claiming batches of the outbox at the same time, on PostgreSQL, where the two
really run in parallel on separate connections: no message goes out twice."""

import threading

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications.delivery import messages_claim, messages_deliver
from notifications.models import Message
from tests.notifications.conftest import person
from tests.notifications.outbox_helpers import message_for
from tests.notifications.test_sweep_race import in_parallel

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

Status = Message.Status


@pytest.fixture
def thirty(requires_postgres):
    ana = person("ana@example.org", "UTC")
    return [message_for(ana, about=f"test:{n}").pk for n in range(30)]


def test_two_workers_with_overlapping_batches_send_each_message_once(thirty):
    batches = [thirty[:20], thirty[10:]]  # ten messages in both
    both_read = threading.Barrier(2, timeout=10)
    looked_claimable: list[int] = []

    def work(index):
        batch = batches[index]
        # Control: a check on the rows, as a claim without the database's guard would make,
        # lets both workers take the ten shared messages; only the claim statement decides.
        looked_claimable.append(Message.objects.filter(pk__in=batch, status=Status.PENDING).count())
        both_read.wait()
        return messages_deliver(pks=batch)

    results = in_parallel(work)

    assert looked_claimable == [20, 20]
    sent = [set(results[index].ids("sent")) for index in (0, 1)]
    assert sent[0].isdisjoint(sent[1])
    assert sent[0] | sent[1] == set(thirty)
    assert len(mail.outbox) == 30
    assert sorted(email.subject for email in mail.outbox) == sorted(
        Message.objects.values_list("subject", flat=True)
    )
    assert set(Message.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


def test_a_worker_passes_over_the_rows_another_is_claiming_without_waiting(thirty):
    """SKIP LOCKED: while the first worker's claim is not yet committed, the second neither
    takes its rows nor waits for them (waiting here would never end: the first waits for it).
    """
    first_claimed = threading.Event()
    second_done = threading.Event()
    now = timezone.now()

    def first(_):
        with transaction.atomic():
            claimed = messages_claim(pks=thirty[:20], now=now)
            first_claimed.set()
            assert second_done.wait(timeout=10)
        return claimed

    def second(_):
        assert first_claimed.wait(timeout=10)
        try:
            return messages_claim(pks=thirty, now=now)
        finally:
            second_done.set()

    results = in_parallel(lambda index: (first, second)[index](index))

    assert results[0] == thirty[:20]
    assert results[1] == thirty[20:]
    assert Message.objects.filter(status=Status.SENDING).count() == 30
