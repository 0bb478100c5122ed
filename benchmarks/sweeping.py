"""The reminder sweep at size: time per message it creates.

The sweep runs at a moment two days before the round's application deadline, when every
follower of the round (its org admins and mentors) is due the three-day reminder, and every
applicant with a draft proposal the reminder to submit it: 5,000 and up to 3,000 at SCALE=1.
Delivery is scheduled as the house does it (a publish to the broker after commit), and that
publish is part of the time; nothing consumes the queue yet.
"""

import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection

from benchmarks.seed import World
from notifications.models import Message
from notifications.sweep import sweep_once


@dataclass
class SweepTiming:
    messages: int
    seconds: float
    queries: int

    @property
    def per_message(self) -> float:
        return self.seconds / max(1, self.messages)


def time_sweep(world: World) -> SweepTiming:
    now = world.round.applications_close - timedelta(days=2)
    before = Message.objects.count()
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        sweep_once(now)
        seconds = time.perf_counter() - started
    return SweepTiming(Message.objects.count() - before, seconds, queries)
