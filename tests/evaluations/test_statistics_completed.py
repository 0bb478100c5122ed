"""The statistics count the internships that completed beside all of them: per year, per
organization, for the folded rest and in total, in the same four queries."""

from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from evaluations.models import Internship
from evaluations.statistics import interns_per_year
from programs.schedules import dates_from
from tests.factories import (
    InternshipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db
Status = Internship.Status


def interns(program, year: int, organization, count: int, status=Status.COMPLETED) -> None:
    round_ = program.rounds.filter(coding_start__year=year).first() or RoundFactory(
        program=program,
        slug=f"{program.slug}-{year}",
        **dates_from(datetime(year, 1, 15, tzinfo=UTC)),
    )
    participation = round_.participations.filter(
        organization=organization
    ).first() or ParticipationFactory(round=round_, organization=organization)
    InternshipFactory.create_batch(count, participation=participation, status=status)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_completed_internships_are_counted_per_year_and_organization(program):
    qemu, libvirt = OrganizationFactory(name="QEMU"), OrganizationFactory(name="libvirt")
    interns(program, 2014, qemu, 3)
    interns(program, 2014, qemu, 1, status=Status.FAILED)
    interns(program, 2015, qemu, 2, status=Status.ACTIVE)
    interns(program, 2015, libvirt, 1)
    interns(program, 2015, libvirt, 4, status=Status.WITHDRAWN)

    table = interns_per_year(program)

    assert table.years == [2014, 2015]
    assert table.year_totals == [4, 3]
    assert table.completed_totals == [3, 1]
    assert table.completed == 4
    assert [(r.name, r.total, r.completed) for r in table.rows] == [
        ("QEMU", 6, 3),
        ("libvirt", 1, 1),
    ]


def test_the_folded_organizations_completed_are_counted_together(program):
    for name, count in {"QEMU": 3, "libvirt": 2, "GNOME": 1, "Tor": 1}.items():
        interns(program, 2016, OrganizationFactory(name=name), count)
    interns(program, 2016, OrganizationFactory(name="Wine"), 1, status=Status.FAILED)

    table = interns_per_year(program, largest=2)

    assert table.folded == 3
    assert table.folded_total == 3
    assert table.folded_completed == 2
    assert table.completed == 7


def test_a_program_without_interns_has_nothing_completed(program):
    table = interns_per_year(program)

    assert table.completed == 0
    assert table.completed_totals == []


@pytest.mark.parametrize("organizations", [3, 30])
def test_counting_the_completed_costs_no_query_more(
    program, django_assert_num_queries, organizations
):
    for _ in range(organizations):
        interns(program, 2020, OrganizationFactory(), 2)
    with django_assert_num_queries(4):
        assert interns_per_year(program).completed == 2 * organizations


def test_the_page_shows_the_completed_counts(client, program):
    interns(program, 2014, OrganizationFactory(name="QEMU"), 3)
    interns(program, 2014, OrganizationFactory(name="libvirt"), 2, status=Status.FAILED)

    html = client.get(reverse("evaluations:statistics", args=[program.slug])).text

    assert '<span id="completed">3 completed their internship.</span>' in html
    assert 'id="completed-per-year"' in html
    assert '<th scope="col" class="num">Completed</th>' in html
