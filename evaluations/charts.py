"""The geometry of a stacked bar chart, drawn as SVG by templates/evaluations/_stacked_bars.svg.

Python works out where every rectangle goes; the template only writes the markup. There is
no JavaScript: the chart is part of the page, and each bar segment carries a <title> that
screen readers and a mouse hover both read.
"""

import math
from dataclasses import dataclass

from evaluations.statistics import InternsPerYear

# Tableau 10, readable for the common colour-blindnesses; grey is kept for "the rest".
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
)
OTHERS_COLOUR = "#bab0ac"

# Above this many organizations the smallest are drawn together as one grey series, so the
# legend stays short and no two series share a colour; the table still lists each of them.
MAX_SERIES = len(PALETTE)

PLOT_LEFT, PLOT_TOP, PLOT_WIDTH, PLOT_HEIGHT = 40, 16, 520, 240
LEGEND_LEFT = PLOT_LEFT + PLOT_WIDTH + 24
WIDTH, HEIGHT = LEGEND_LEFT + 200, PLOT_TOP + PLOT_HEIGHT + 40
LEGEND_ROW = 20
LEGEND_NAME_CHARS = 24


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass(frozen=True)
class Bar:
    label: str
    label_x: float
    total: int
    total_y: float
    segments: list[Segment]


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class LegendItem:
    name: str
    short_name: str
    colour: str
    y: float


@dataclass(frozen=True)
class StackedBarChart:
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: int
    label_y: int
    legend_left: int
    bars: list[Bar]
    ticks: list[Tick]
    legend: list[LegendItem]


def nice_step(maximum: int, most_ticks: int = 5) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50... that needs at most `most_ticks` steps."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(maximum / step) <= most_ticks:
                return step
        magnitude *= 10


def _series(table: InternsPerYear) -> list[tuple[str, list[int], str]]:
    """(name, counts per year, colour): the biggest organizations, then "Other organizations"
    (those beyond the palette and those the table already folded)."""
    biggest = sorted(table.rows, key=lambda row: (-row.total, row.name.lower()))
    if len(biggest) <= MAX_SERIES and not table.folded:
        kept, rest = biggest, []
    else:
        kept, rest = biggest[: MAX_SERIES - 1], biggest[MAX_SERIES - 1 :]
    series = [(row.name, row.counts, PALETTE[i]) for i, row in enumerate(kept)]
    if rest or table.folded:
        others = [sum(row.counts[i] for row in rest) for i in range(len(table.years))]
        if table.folded:
            others = [n + folded for n, folded in zip(others, table.folded_counts, strict=True)]
        count = len(rest) + table.folded
        series.append((f"Other organizations ({count})", others, OTHERS_COLOUR))
    return series


def _shorten(name: str) -> str:
    return name if len(name) <= LEGEND_NAME_CHARS else name[: LEGEND_NAME_CHARS - 1] + "…"


def _interns(n: int) -> str:
    return f"{n} intern" if n == 1 else f"{n} interns"


def stacked_bars(table: InternsPerYear, *, title: str) -> StackedBarChart | None:
    """One bar per year, one coloured segment per organization; None when there is no data."""
    if table.is_empty:
        return None
    series = _series(table)
    step = nice_step(max(table.year_totals))
    top = step * math.ceil(max(table.year_totals) / step)
    scale = PLOT_HEIGHT / top
    baseline = PLOT_TOP + PLOT_HEIGHT
    band = PLOT_WIDTH / len(table.years)
    bar_width = round(band * 0.6, 1)

    bars = []
    for i, year in enumerate(table.years):
        x = round(PLOT_LEFT + i * band + (band - bar_width) / 2, 1)
        stacked = 0
        segments = []
        for name, counts, colour in series:
            count = counts[i]
            if not count:
                continue
            y = baseline - (stacked + count) * scale
            segments.append(
                Segment(
                    x=x,
                    y=round(y, 1),
                    width=bar_width,
                    height=round(count * scale, 1),
                    colour=colour,
                    title=f"{name}, {year}: {_interns(count)}",
                )
            )
            stacked += count
        bars.append(
            Bar(
                label=str(year),
                label_x=round(x + bar_width / 2, 1),
                total=table.year_totals[i],
                total_y=round(baseline - stacked * scale - 4, 1),
                segments=segments,
            )
        )

    ticks = [Tick(value=v, y=round(baseline - v * scale, 1)) for v in range(0, top + 1, step)]
    # The legend lists the series top to bottom in the order they are stacked on screen.
    legend = [
        LegendItem(
            name=name,
            short_name=_shorten(name),
            colour=colour,
            y=PLOT_TOP + i * LEGEND_ROW,
        )
        for i, (name, _counts, colour) in enumerate(reversed(series))
    ]
    first, last = table.years[0], table.years[-1]
    span = str(first) if first == last else f"{first} to {last}"
    return StackedBarChart(
        title=title,
        description=f"Interns per year, {span}, stacked by organization; "
        f"{_interns(table.total)} in all.",
        width=WIDTH,
        height=max(HEIGHT, PLOT_TOP + len(legend) * LEGEND_ROW + 8),
        plot_left=PLOT_LEFT,
        plot_right=PLOT_LEFT + PLOT_WIDTH,
        baseline=baseline,
        label_y=baseline + 18,
        legend_left=LEGEND_LEFT,
        bars=bars,
        ticks=ticks,
        legend=legend,
    )
