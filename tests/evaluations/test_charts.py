"""The stacked bar chart's geometry: bars add up, big organizations keep their own colour."""

from evaluations.charts import MAX_SERIES, OTHERS_COLOUR, PALETTE, nice_step, stacked_bars
from evaluations.statistics import InternsPerYear, OrganizationRow


def table(rows: dict[str, list[int]], years: list[int]) -> InternsPerYear:
    org_rows = [
        OrganizationRow(name=name, slug=name.lower(), counts=counts, total=sum(counts))
        for name, counts in rows.items()
    ]
    year_totals = [sum(counts[i] for counts in rows.values()) for i in range(len(years))]
    return InternsPerYear(
        years=years, rows=org_rows, year_totals=year_totals, total=sum(year_totals)
    )


def test_there_is_no_chart_without_data():
    assert stacked_bars(InternsPerYear([], [], [], 0), title="Nothing") is None


def test_each_year_is_a_bar_as_tall_as_its_total():
    chart = stacked_bars(table({"QEMU": [4, 5], "libvirt": [2, 0]}, [2014, 2015]), title="T")
    assert [bar.label for bar in chart.bars] == ["2014", "2015"]
    assert [bar.total for bar in chart.bars] == [6, 5]
    first, second = chart.bars
    assert sum(s.height for s in first.segments) / sum(s.height for s in second.segments) == (6 / 5)
    # Segments stack without gaps, from the baseline up.
    bottom = chart.baseline
    for segment in first.segments:
        assert round(segment.y + segment.height, 1) == round(bottom, 1)
        bottom = segment.y


def test_every_segment_is_titled_for_screen_readers():
    chart = stacked_bars(table({"QEMU": [1, 5]}, [2014, 2015]), title="Interns per year")
    assert [s.title for bar in chart.bars for s in bar.segments] == [
        "QEMU, 2014: 1 intern",
        "QEMU, 2015: 5 interns",
    ]
    assert chart.description == (
        "Interns per year, 2014 to 2015, stacked by organization; 6 interns in all."
    )


def test_an_empty_year_has_a_bar_without_segments():
    chart = stacked_bars(table({"QEMU": [1, 0, 2]}, [2010, 2011, 2012]), title="T")
    assert [len(bar.segments) for bar in chart.bars] == [1, 0, 1]


def test_the_smallest_organizations_share_one_grey_series_when_there_are_many():
    rows = {f"Org {i:02}": [i + 1] for i in range(12)}
    chart = stacked_bars(table(rows, [2020]), title="T")
    assert len(chart.legend) == MAX_SERIES
    # Read top down like the stack: the rest on top, the biggest at the bottom.
    assert chart.legend[0].name == "Other organizations (4)"
    assert chart.legend[0].colour == OTHERS_COLOUR
    assert chart.legend[-1].name == "Org 11"
    assert [s.colour for s in chart.bars[0].segments][::-1] == [i.colour for i in chart.legend]
    assert len({item.colour for item in chart.legend}) == MAX_SERIES
    assert chart.bars[0].total == sum(range(1, 13))


def test_long_names_are_shortened_in_the_legend_only():
    name = "The Very Long Organization Name Foundation"
    chart = stacked_bars(table({name: [1]}, [2020]), title="T")
    assert chart.legend[0].name == name
    assert len(chart.legend[0].short_name) <= 24 and chart.legend[0].short_name.endswith("…")
    assert chart.bars[0].segments[0].title.startswith(name)
    assert chart.legend[0].colour == PALETTE[0]


def test_axis_steps_are_round_numbers():
    assert [nice_step(n) for n in (1, 4, 5, 6, 9, 10, 11, 23, 37, 120)] == [
        1, 1, 1, 2, 2, 2, 5, 5, 10, 50,
    ]  # fmt: skip


def test_organizations_the_table_folded_are_drawn_with_the_other_organizations():
    rows = [OrganizationRow(name="QEMU", slug="qemu", counts=[4], total=4)]
    folded = InternsPerYear(
        years=[2020], rows=rows, year_totals=[10], total=10, folded=30, folded_counts=[6]
    )
    chart = stacked_bars(folded, title="T")
    assert [item.name for item in chart.legend] == ["Other organizations (30)", "QEMU"]
    assert chart.bars[0].segments[-1].title == "Other organizations (30), 2020: 6 interns"
