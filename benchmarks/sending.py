"""Sending at size: a real Celery worker delivering the sweep's messages to a local SMTP
server, against a bare smtplib loop sending the same messages over one connection, once
before and once after the worker's window.

Both run against one aiosmtpd server on 127.0.0.1 in a process of its own, which accepts and
drops every message. The worker is `celery -A config worker --pool solo`, one process, on the
site's production settings (Redis broker, PostgreSQL, SMTP); the loop is one process and one
connection, so the two are compared at the same concurrency. The worker's rate is counted
from the rows' own marks, the first message's `sent_at` to the last's, so its start-up is left
out and no poll of the outbox competes with it for the machine.
"""

import os
import secrets
import smtplib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Min

from notifications import composing
from notifications.models import Message

ROOT = Path(__file__).resolve().parents[1]
BARE_LOOP_MESSAGES = 2000
# BENCH_WORKER_LOGLEVEL=INFO makes the worker log each batch and its time (var/bench-worker.log).
WORKER_LOG_LEVEL = os.environ.get("BENCH_WORKER_LOGLEVEL", "WARNING")


@dataclass
class SendingTiming:
    total: int  # the messages the worker sent
    messages: int  # those sent in the timed window (after the first)
    seconds: float
    bare_messages: int
    bare_seconds: float
    unsent: dict[str, int]

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0

    @property
    def bare_rate(self) -> float:
        return self.bare_messages / self.bare_seconds if self.bare_seconds else 0.0


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"The SMTP server did not listen on port {port}.")


@contextmanager
def _process(command: list[str], **options) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(command, cwd=ROOT, **options)  # noqa: S603 (our own commands)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def smtp_server() -> Iterator[int]:
    """An SMTP server on 127.0.0.1 that takes every message and keeps none; its port."""
    port = _free_port()
    command = [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"]
    with _process([*command, "-c", "aiosmtpd.handlers.Sink"], stdout=subprocess.DEVNULL):
        _wait_for_port(port)
        yield port


def _database_url() -> str:
    """DATABASE_URL naming the database this process uses now."""
    address = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(address._replace(path="/" + connection.settings_dict["NAME"]))


def _worker_environment(smtp_port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "LOG_LEVEL": WORKER_LOG_LEVEL,
    }


def _counts(messages) -> dict[str, int]:
    rows = messages.values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def _drain(messages, timeout: float) -> tuple[int, float, dict[str, int]]:
    """Messages sent and seconds taken, from the first message's `sent_at` to the last's (so
    the worker's start-up and its first task's warm-up are left out), once none is waiting.

    The rows' own marks time the worker, not a poll: counting the messages by status every
    20 ms, as this once did, read all 7,000 rows (one 8 KB page each, their emails inline)
    in 50 ms, so at SCALE=1 the benchmark kept a core of the database busy beside the worker
    it timed and measured its own load (0.28x the bare loop; at SCALE=0.1 the count was ten
    times cheaper). Waiting now asks every quarter second whether any row of the batch is
    still waiting or being sent, which the first such row answers.
    """
    deadline = time.monotonic() + timeout
    waiting = messages.filter(status__in=[Message.Status.PENDING, Message.Status.SENDING])
    while waiting.exists():
        if time.monotonic() > deadline:
            counts = _counts(messages)
            raise RuntimeError(f"The worker did not send the messages in {timeout:.0f} s: {counts}")
        time.sleep(0.25)
    span = messages.filter(status=Message.Status.SENT).aggregate(
        first=Min("sent_at"), last=Max("sent_at"), sent=Count("pk")
    )
    if not span["sent"]:
        return 0, 0.0, _counts(messages)
    seconds = (span["last"] - span["first"]).total_seconds()
    return span["sent"] - 1, seconds, _counts(messages)


def _bare_loop(messages, port: int) -> tuple[int, float]:
    """The same messages (text and HTML), built beforehand, through smtplib on one
    connection."""
    # smtplib sends bytes as they are, and SMTP lines end in CRLF (Django's backend does so).
    built = [
        (email.from_email, email.to, email.message().as_bytes(linesep="\r\n"))
        for email in (
            # Built as the worker builds them (headers included), so both send the same bytes.
            composing.email(message, address=message.recipient.email)
            for message in messages.select_related("recipient")[:BARE_LOOP_MESSAGES]
        )
    ]
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as server:
        for sender, recipients, body in built:
            server.sendmail(sender, recipients, body)
    return len(built), time.perf_counter() - started


def time_sending(messages, log: Path) -> SendingTiming:
    """Send the messages with the bare loop, start a worker on the queued messages and wait
    until it has sent them all, then send them with the bare loop again.

    The bare loop's rate is that of both of its runs together: on a machine whose load
    moves (a shared one), a single run before or after the worker measured another moment
    than the worker's, and the ratio swung between 0.65x and 1.27x from run to run; one run
    on each side of the worker's window brackets it."""
    total = messages.count()
    with smtp_server() as port, log.open("w") as worker_log:
        before = _bare_loop(messages, port)
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo"]
        command += [
            "--loglevel",
            WORKER_LOG_LEVEL,
            "--without-gossip",
            "--without-mingle",
        ]
        with _process(command, env=_worker_environment(port), stdout=worker_log, stderr=worker_log):
            sent, seconds, counts = _drain(messages, timeout=60 + total / 5)
        after = _bare_loop(messages, port)
    unsent = {status: n for status, n in counts.items() if status != Message.Status.SENT}
    return SendingTiming(
        counts.get(Message.Status.SENT, 0),
        sent,
        seconds,
        before[0] + after[0],
        before[1] + after[1],
        unsent,
    )
