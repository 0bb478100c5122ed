"""Interns per year per organization: one aggregate query over internships."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from evaluations.models import Internship
from evaluations.statistics import interns_per_year
from programs.schedules import dates_from
from tests.factories import (
    InternshipFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProgramFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


def interns(program, year: int, organization, count: int, **kwargs) -> None:
    """`count` internships with `organization` in `program`'s round of `year`."""
    round_ = program.rounds.filter(coding_start__year=year).first() or RoundFactory(
        program=program,
        slug=f"{program.slug}-{year}",
        **dates_from(datetime(year, 1, 15, tzinfo=UTC)),
    )
    participation = ParticipationFactory(round=round_, organization=organization)
    InternshipFactory.create_batch(count, participation=participation, **kwargs)


def test_it_counts_interns_per_organization_and_year(program):
    qemu, libvirt = OrganizationFactory(name="QEMU"), OrganizationFactory(name="libvirt")
    interns(program, 2014, qemu, 4)
    interns(program, 2014, libvirt, 2)
    interns(program, 2015, qemu, 5)
    table = interns_per_year(program)
    assert table.years == [2014, 2015]
    # Most interns first.
    assert [(r.name, r.counts, r.total) for r in table.rows] == [
        ("QEMU", [4, 5], 9),
        ("libvirt", [2, 0], 2),
    ]
    assert table.year_totals == [6, 5]
    assert table.total == 11


def test_a_year_without_interns_stays_in_the_table_as_a_gap(program):
    qemu = OrganizationFactory(name="QEMU")
    interns(program, 2010, qemu, 1)
    interns(program, 2013, qemu, 2)
    table = interns_per_year(program)
    assert table.years == [2010, 2011, 2012, 2013]
    assert table.rows[0].counts == [1, 0, 0, 2]


def test_withdrawn_internships_do_not_count_but_failed_ones_do(program):
    qemu = OrganizationFactory(name="QEMU")
    interns(program, 2016, qemu, 2, status=Internship.Status.WITHDRAWN)
    interns(program, 2017, qemu, 1, status=Internship.Status.FAILED)
    interns(program, 2017, OrganizationFactory(), 1, status=Internship.Status.COMPLETED)
    table = interns_per_year(program)
    assert table.years == [2017]
    assert table.total == 2


def test_other_programs_do_not_count(program):
    qemu = OrganizationFactory(name="QEMU")
    interns(ProgramFactory(name="Outreachy", slug="outreachy"), 2016, qemu, 3)
    assert interns_per_year(program).is_empty


def test_the_year_is_the_utc_year_of_the_start_of_coding_in_every_viewers_zone(program):
    # Coding starts on 31 December at 23:30 UTC, already 1 January in Kolkata.
    dates = dates_from(datetime(2019, 9, 8, tzinfo=UTC))  # coding starts on 22 December
    dates["coding_start"] = datetime(2019, 12, 31, 23, 30, tzinfo=UTC)
    round_ = RoundFactory(program=program, **dates)
    InternshipFactory(participation=ParticipationFactory(round=round_))
    with timezone.override(ZoneInfo("Asia/Kolkata")):
        assert interns_per_year(program).years == [2019]


@pytest.mark.parametrize("organizations", [3, 30])
def test_it_makes_four_queries_however_many_organizations(
    program, django_assert_num_queries, organizations
):
    for year in (2020, 2021):
        for _ in range(organizations):
            interns(program, year, OrganizationFactory(), 2)
    # Totals per year; organizations counted; the largest; their interns per year.
    with django_assert_num_queries(4):
        table = interns_per_year(program)
    assert table.organizations == 2 * organizations


def test_beyond_the_largest_organizations_the_rest_share_one_line(program):
    sizes = {"QEMU": 5, "libvirt": 4, "GNOME": 3, "Tor": 2, "Wine": 1}
    for name, count in sizes.items():
        interns(program, 2020, OrganizationFactory(name=name), count)
    interns(program, 2021, OrganizationFactory.create(name="Late"), 1)

    table = interns_per_year(program, largest=2)

    assert [(r.name, r.counts) for r in table.rows] == [("QEMU", [5, 0]), ("libvirt", [4, 0])]
    assert (table.folded, table.folded_counts, table.folded_total) == (4, [6, 1], 7)
    assert table.organizations == 6
    assert table.year_totals == [15, 1]
