"""`make bench`: seed PostgreSQL at two sizes, time every page beside the floor page, the
reminder sweep and sending, print one table against the targets, write benchmarks/results.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_internships \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python -m benchmarks --scale 0.1

Pages are asked in this process through Django's test client: the whole middleware stack and
the real database, no network and no web server, so the floor and every page pay the same
fixed costs and the ratio between them is the page's own work.
"""

import argparse
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

import django

django.setup()

from django.conf import settings  # noqa: E402

from benchmarks import database, report  # noqa: E402
from benchmarks.pages import Sampling, clients, time_pages  # noqa: E402
from benchmarks.seed import World, seed  # noqa: E402
from benchmarks.sending import time_sending  # noqa: E402
from benchmarks.sweeping import time_sweep  # noqa: E402
from config.celery import app  # noqa: E402
from notifications.models import Message  # noqa: E402

HERE = Path(__file__).resolve().parent
# Notes written by hand below this heading of results.md (which targets miss, by how much and
# why) are kept when the benchmark writes the file again.
NOTES = "\n## Notes"


def say(text: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {text}", file=sys.stderr, flush=True)


def seed_both(sizes: dict[str, float]) -> tuple[dict[str, World], list[str]]:
    worlds, seeded = {}, []
    for name, size in sizes.items():
        database.use(name)
        started = time.perf_counter()
        worlds[name] = seed(size)
        database.settle()
        seeded.append(f"SCALE={size:g} in {time.perf_counter() - started:.1f} s")
        say(f"Seeded {seeded[-1]}")
    return worlds, seeded


def time_pages_of_both(sizes: dict[str, float], worlds: dict[str, World]) -> dict[str, list]:
    timings = {}
    for name, size in sizes.items():
        database.use(name)
        started = time.perf_counter()
        timings[name] = time_pages(clients(worlds[name]), worlds[name].addresses(), Sampling())
        say(f"Timed the pages at SCALE={size:g} in {time.perf_counter() - started:.0f} s")
    return timings


def sweep_both_and_send(sizes: dict[str, float], worlds: dict[str, World]):
    """The sweep on each database, the main one last; then the worker sends what it queued.

    The queue is purged before each sweep, so it holds the main database's tasks only: the
    worker serves the main database and must never read another database's message ids.
    """
    sweeps = {}
    for name, size in sizes.items():
        database.use(name)
        app.control.purge()
        before = Message.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        sweeps[name] = time_sweep(worlds[name])
        say(f"Swept SCALE={size:g}: {sweeps[name].messages} messages")
    after = Message.objects.order_by("-pk").values_list("pk", flat=True).first()
    var = Path(settings.VAR_DIR)
    var.mkdir(exist_ok=True)
    swept = Message.objects.filter(pk__gt=before, pk__lte=after)
    sending = time_sending(swept, log=var / "bench-worker.log")
    say(f"Sent {sending.total} messages")
    return sweeps, sending


def write(output: Path, text: str) -> None:
    """Write results.md, keeping the notes written by hand under its NOTES heading."""
    if output.exists():
        previous = output.read_text()
        if NOTES in previous:
            text += previous[previous.find(NOTES) :]
    output.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 is 1,000 organizations")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    arguments = parser.parse_args()
    scale = arguments.scale
    if not settings.REDIS_URL:
        sys.exit("REDIS_URL must name the Redis the worker takes its tasks from.")
    try:
        database.create()
    except database.NotABenchDatabase as refusal:
        sys.exit(str(refusal))
    small, main_ = database.small_name(), database.main_name()
    sizes = {small: scale / 10, main_: scale}
    machine = report.machine(database.server_version())
    say(f"Databases {small} and {main_} created and migrated")

    worlds, seeded = seed_both(sizes)
    timings = time_pages_of_both(sizes, worlds)
    sweeps, sending = sweep_both_and_send(sizes, worlds)

    table = report.rows(
        scale, timings[main_], timings[small], sweeps[main_], sweeps[small], sending
    )
    text = report.markdown(table)
    print(text)
    failed = sum(not row.passed for row in table if row.target)
    seeding = f"Seeded {' and '.join(seeded)}."
    write(arguments.output, results(scale, machine, seeding, text, failed))
    targets = sum(bool(row.target) for row in table)
    say(f"{failed} of {targets} targets missed; written to {arguments.output.name}")
    return 0


def results(scale: float, machine: str, seeding: str, table: str, failed: int) -> str:
    return f"""# Benchmark results

`make bench SCALE={scale:g}`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.

Machine: {machine} {seeding}

Pages are asked through Django's test client in one process (every middleware, the real
PostgreSQL database, no network), each in turns with the floor page: a logged-in view that
renders an empty page on `base.html`. Each request's time is divided by the floor request's
made just before or after it; p50 and p95 are the median and 95th percentile of those ratios
(at least 7 pairs, up to 41 or 4 seconds a page). The growth compares the p50 with the same
page's on a database seeded at a tenth of the size. The sweep's time includes publishing to
Redis; sending is one Celery worker process (`--pool solo`) delivering the sweep's messages to
aiosmtpd on 127.0.0.1, timed from the first message's mark to the last's, against one smtplib
connection sending the same messages there once before and once after the worker.

{failed} targets missed.

{table}
"""


if __name__ == "__main__":
    sys.exit(main())
