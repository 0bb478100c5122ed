"""The verdict: one table of figures against the targets of "fast at any size", and the
machine it was measured on."""

import os
import platform
import statistics
from dataclasses import dataclass
from pathlib import Path

import django

from benchmarks.pages import Timing
from benchmarks.sending import SendingTiming
from benchmarks.sweeping import SweepTiming

# The targets (issue "Fast at any size", "Done means").
PAGE_P95_MAX = 3.0  # times the floor
PAGE_GROWTH_MAX = 1.2  # times the same page at a tenth of the size
SENDING_MIN = 0.8  # times the bare smtplib loop
SWEEP_GROWTH_MAX = 1.2  # time per message, times that at a tenth of the size


@dataclass
class Row:
    figure: str
    value: str
    target: str
    passed: bool


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB" if size >= 10_240 else f"{size / 1024:,.1f} KB"


def _page_rows(large: Timing, small: Timing, scale: float) -> list[Row]:
    name = large.page.name
    answered = large.status == 200 and small.status == 200
    growth = large.p50 / small.p50
    return [
        Row(
            f"{name}: p95 at SCALE={scale:g}",
            f"{large.p95:.1f}x floor (p50 {large.p50:.1f}x, "
            f"{statistics.median(large.times) * 1000:.1f} ms, {_kb(large.size)}, "
            f"HTTP {large.status})",
            f"<= {PAGE_P95_MAX:g}x, HTTP 200",
            answered and large.p95 <= PAGE_P95_MAX,
        ),
        Row(
            f"{name}: p50 against SCALE={scale / 10:g}",
            f"{growth:.2f}x ({small.p50:.1f}x floor, {_kb(small.size)})",
            f"<= {PAGE_GROWTH_MAX:g}x",
            growth <= PAGE_GROWTH_MAX,
        ),
        Row(
            f"{name}: queries",
            f"{large.queries} at SCALE={scale:g}, {small.queries} at SCALE={scale / 10:g}",
            "unchanged",
            large.queries == small.queries,
        ),
    ]


def rows(
    scale: float,
    large: list[Timing],
    small: list[Timing],
    sweep_large: SweepTiming,
    sweep_small: SweepTiming,
    sending: SendingTiming,
) -> list[Row]:
    table = [
        row
        for one, other in zip(large, small, strict=True)
        for row in _page_rows(one, other, scale)
    ]
    floor_ms = sorted(t.floor_p50 for t in large)[len(large) // 2] * 1000
    sweep_growth = sweep_large.per_message / sweep_small.per_message
    table += [
        Row("floor page: p50 (the unit above)", f"{floor_ms:.1f} ms", "", True),
        Row(
            f"sweep: time per message at SCALE={scale:g}",
            f"{sweep_large.per_message * 1000:.2f} ms ({sweep_large.messages:,} messages in "
            f"{sweep_large.seconds:.1f} s, {sweep_large.queries / max(1, sweep_large.messages):.1f}"
            " queries each)",
            "",
            sweep_large.messages > 0,
        ),
        Row(
            f"sweep: against SCALE={scale / 10:g}",
            f"{sweep_growth:.2f}x ({sweep_small.per_message * 1000:.2f} ms per message, "
            f"{sweep_small.messages:,} messages)",
            f"<= {SWEEP_GROWTH_MAX:g}x",
            sweep_small.messages > 0 and sweep_growth <= SWEEP_GROWTH_MAX,
        ),
        Row(
            "sending: worker against bare smtplib",
            f"{sending.rate / sending.bare_rate:.2f}x ({sending.rate:,.0f} against "
            f"{sending.bare_rate:,.0f} messages/s; {sending.total:,} sent"
            + (f", not sent: {sending.unsent}" if sending.unsent else "")
            + ")",
            f">= {SENDING_MIN:g}x",
            not sending.unsent and sending.rate >= SENDING_MIN * sending.bare_rate,
        ),
    ]
    return table


def markdown(table: list[Row]) -> str:
    lines = ["| figure | value | target | result |", "| --- | --- | --- | --- |"]
    for row in table:
        verdict = "pass" if row.passed else "FAIL"
        lines.append(
            f"| {row.figure} | {row.value} | {row.target} | {verdict if row.target else ''} |"
        )
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return "unknown"


def machine(postgres_version: str) -> str:
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return (
        f"{_cpu_model()}, {os.cpu_count()} cores, {_memory()} of memory; "
        f"PostgreSQL {postgres_version}, Python {platform.python_version()}, "
        f"Django {django.get_version()}; load average {load} at the start."
    )
