"""Marking messages sent, one at a time, each before the mail server can accept the next
(notifications.delivery says why), without the worker waiting for the database meanwhile.

A mark is started and finished apart: `start` writes the UPDATE to PostgreSQL and returns at
once, `finish` reads its answer. The sending starts the mark of the previous message when it
writes the next one's MAIL command, and finishes it before writing that message's content,
so the database's round trip runs while the mail server answers MAIL, RCPT and DATA, and the
mark is committed (or has failed) before the server can accept the next message: still at
most the one in flight is ever sent and not marked. Each mark is its own transaction
(autocommit), committed without waiting for the disk (`marks_without_waiting_for_the_disk`).

On another database (SQLite, in development and tests) `start` marks at once.
"""

import contextlib
import logging
import select
from collections.abc import Iterator
from datetime import datetime

import psycopg
from django.db import connection
from django.utils import timezone

from notifications.models import Message

logger = logging.getLogger(__name__)

Status = Message.Status


def mark_statement(placeholders: list[str], *, equals: str = "=") -> str:
    """The guarded UPDATE: only a row still under our claim is marked.

    On PostgreSQL the guard compares with IS NOT DISTINCT FROM (the same test here: the
    status is never null, and neither is the claim we pass), which no index can answer, so
    the row is found by its primary key alone. With `status = 'sending'` the planner may
    take one of the outbox's partial indexes of unsent rows instead, whenever its statistics
    say hardly any row is being sent (as they do at rest, when nearly all rows are sent);
    during a large send such an index holds an entry for every row claimed since the last
    vacuum, and each mark read them all: marks grew with the send, and a worker sending
    7,000 messages (`make bench`, SCALE=1) reached 0.28x the bare smtplib loop (3 ms a mark
    against 0.1).
    """
    table = connection.ops.quote_name(Message._meta.db_table)
    column = connection.ops.quote_name(Message._meta.pk.column)
    status, sent_at, pk, sending, claimed_at = placeholders
    return (
        f"UPDATE {table} SET status = {status}, sent_at = {sent_at} "  # noqa: S608 - names from the model
        f"WHERE {column} = {pk} AND status {equals} {sending} "
        f"AND claimed_at {equals} {claimed_at}"
    )


@contextlib.contextmanager
def marks_without_waiting_for_the_disk() -> Iterator[None]:
    """On PostgreSQL, commit the sent marks without waiting for the flush to disk: a flush
    costs as much as sending a message. A dying worker loses none of them; only a crash of the
    database server itself in the fraction of a second before its next flush could forget a
    mark (and that message would go again). The claim before them was committed durably."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO DEFAULT")


class SentMarks:
    """The sent marks of one claim (made at `claimed_at`), at most one in progress; leaving
    it as a context finishes the one in progress."""

    def __init__(self, claimed_at: datetime):
        self.claimed_at = claimed_at
        self.pending: int | None = None  # the message whose mark was started, not finished

    def __enter__(self) -> "SentMarks":
        return self

    def __exit__(self, *exception) -> None:
        self.finish()

    def start(self, pk: int) -> None:
        self.finish()
        if connection.vendor != "postgresql":
            self._check(pk, self._mark_now(pk))
            return
        connection.ensure_connection()
        with connection.wrap_database_errors:  # psycopg's errors as Django's DatabaseError
            pgconn = connection.connection.pgconn
            values = [Status.SENT, timezone.now().isoformat(), str(pk), Status.SENDING]
            values.append(self.claimed_at.isoformat())
            sql = mark_statement([f"${n}" for n in range(1, 6)], equals="IS NOT DISTINCT FROM")
            pgconn.send_query_params(sql.encode(), [value.encode() for value in values])
            while pgconn.flush():  # written in full, or it would wait in our buffer
                select.select([], [pgconn.socket], [])
        self.pending = pk

    def finish(self) -> None:
        """Wait for the mark in progress, if any, to be committed; raises DatabaseError if it
        failed (the batch then stops, and its claims go stale)."""
        if self.pending is None:
            return
        pk, self.pending = self.pending, None
        with connection.wrap_database_errors:
            pgconn = connection.connection.pgconn
            pgconn.consume_input()
            while pgconn.is_busy():
                select.select([pgconn.socket], [], [])
                pgconn.consume_input()
            results = []
            while (result := pgconn.get_result()) is not None:
                results.append(result)
            for result in results:
                if result.status != psycopg.pq.ExecStatus.COMMAND_OK:
                    raise psycopg.errors.error_from_result(result)
            marked = results[-1].command_tuples if results else None
            self._check(pk, int(marked or 0))

    @staticmethod
    def _check(pk: int, marked: int) -> None:
        if marked != 1:
            # Our claim went stale and someone else claimed the row: it may go twice.
            logger.warning("Message %s was re-claimed while being sent", pk)

    def _mark_now(self, pk: int) -> int:
        adapt = connection.ops.adapt_datetimefield_value
        params = [Status.SENT, adapt(timezone.now()), pk, Status.SENDING, adapt(self.claimed_at)]
        with connection.cursor() as cursor:
            cursor.execute(mark_statement(["%s"] * 5), params)
            return cursor.rowcount
