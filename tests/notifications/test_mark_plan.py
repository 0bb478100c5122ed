"""A sent mark finds its row by the primary key, however many rows are being sent: on
PostgreSQL, whose planner would otherwise walk a partial index of unsent rows (an entry for
every row claimed) for each mark when its statistics say that hardly any row is being sent."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from notifications.delivery import messages_claim
from notifications.marks import mark_statement
from notifications.models import Message
from tests.notifications.conftest import person

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

Status = Message.Status


def _rows(recipient, status: str, how_many: int, start: int) -> list[Message]:
    now = timezone.now()
    return Message.objects.bulk_create(
        Message(
            kind="round_deadline",
            recipient=recipient,
            about=f"test:{start + n}",
            due_at=now,
            subject="A reminder",
            text="A reminder.",
            status=status,
            next_attempt_at=now,
            sent_at=now if status == Status.SENT else None,
        )
        for n in range(how_many)
    )


@pytest.fixture
def sending_at_rest_statistics(requires_postgres):
    """An outbox of sent rows, analysed as autovacuum leaves it at rest; then a large send
    claims 600 rows, which the statistics do not know about. The mark's row is one of them."""
    ana = person("ana@example.org", "UTC")
    _rows(ana, Status.SENT, 3000, 0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE notifications_message")
    waiting = _rows(ana, Status.PENDING, 600, 3000)
    claimed_at = timezone.now()
    claimed = messages_claim(pks=[row.pk for row in waiting], now=claimed_at)
    assert len(claimed) == 600
    return claimed[300], claimed_at


def _plan(equals: str, pk: int, claimed_at) -> str:
    params = [Status.SENT, timezone.now(), pk, Status.SENDING, claimed_at]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + mark_statement(["%s"] * 5, equals=equals), params)
        return "\n".join(line for (line,) in cursor.fetchall())


def test_the_mark_finds_its_row_by_the_primary_key(sending_at_rest_statistics):
    pk, claimed_at = sending_at_rest_statistics

    plan = _plan("IS NOT DISTINCT FROM", pk, claimed_at)

    assert "Index Scan using notifications_message_pkey" in plan
    assert "message_unsent_by_age" not in plan
    assert "message_waiting" not in plan


def test_control_with_a_plain_status_test_the_planner_reads_an_index_of_unsent_rows(
    sending_at_rest_statistics,
):
    """What the guard's form prevents: the same statement with `status = 'sending'` is
    planned on one of the partial indexes of unsent rows (waiting or by age), which a mark
    then walks entry by entry, not on the primary key."""
    pk, claimed_at = sending_at_rest_statistics

    plan = _plan("=", pk, claimed_at)

    assert "message_unsent_by_age" in plan or "message_waiting" in plan
    assert "notifications_message_pkey" not in plan


def test_the_mark_still_marks_only_a_row_under_its_own_claim(sending_at_rest_statistics):
    pk, claimed_at = sending_at_rest_statistics
    sql = mark_statement(["%s"] * 5, equals="IS NOT DISTINCT FROM")

    with connection.cursor() as cursor:
        cursor.execute(
            sql, [Status.SENT, timezone.now(), pk, Status.SENDING, claimed_at - timedelta(1)]
        )
        someone_elses = cursor.rowcount
        cursor.execute(sql, [Status.SENT, timezone.now(), pk, Status.SENDING, claimed_at])
        ours = cursor.rowcount

    assert (someone_elses, ours) == (0, 1)
    assert Message.objects.get(pk=pk).status == Status.SENT
