"""The public statistics page of a program: a table and a chart of interns per year."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from programs.schedules import dates_from
from tests.factories import (
    InternshipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


def page(client, slug="gsoc"):
    return client.get(reverse("evaluations:statistics", args=[slug]))


def seed(program, organizations: int, years: int) -> None:
    """Two interns per organization per year."""
    orgs = [OrganizationFactory() for _ in range(organizations)]
    for year in range(2010, 2010 + years):
        round_ = RoundFactory(program=program, **dates_from(datetime(year, 1, 15, tzinfo=UTC)))
        for org in orgs:
            participation = ParticipationFactory(round=round_, organization=org)
            InternshipFactory.create_batch(2, participation=participation)


def test_anyone_can_read_the_statistics(client, program):
    qemu = OrganizationFactory(name="QEMU")
    round_ = RoundFactory(program=program, **dates_from(datetime(2014, 1, 15, tzinfo=UTC)))
    InternshipFactory.create_batch(
        3, participation=ParticipationFactory(round=round_, organization=qemu)
    )
    response = page(client)
    assert response.status_code == 200
    html = response.text
    assert "3 interns with 1 organization, 2014." in html
    row = re.search(r"<tr><th scope=\"row\">QEMU</th>(.*?)</tr>", html, re.S).group(1)
    # 2014, the total, and how many completed (none: the three are still active).
    assert re.findall(r">(\d+)<", row) == ["3", "3", "0"]


def test_an_unknown_program_is_not_found(client, program):
    assert page(client, "nope").status_code == 404


def test_it_draws_an_accessible_chart_without_javascript(client, program):
    seed(program, organizations=2, years=2)
    html = page(client).text
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert '<title id="chart-title">Interns per year in Google Summer of Code</title>' in svg
    assert svg.count("<rect") == 2 * 2 + 2  # one segment per organization and year; legend
    assert ", 2011: 2 interns</title>" in svg
    assert "<script" not in html.split("</head>", 1)[1]


def test_without_interns_it_says_so_and_draws_nothing(client, program):
    RoundFactory(program=program)
    html = page(client).text
    assert "has had no interns yet" in html
    assert "<svg" not in html


def test_it_makes_the_same_queries_for_few_organizations_and_years_as_for_many(
    client, program, django_assert_num_queries
):
    seed(program, organizations=3, years=2)
    # The program; totals per year, organizations counted, the largest, their years.
    with django_assert_num_queries(5):
        html = page(client).text
    assert "12 interns with 3 organizations, 2010 to 2011." in html

    seed(program, organizations=30, years=6)  # the years 2010 to 2015 again, more organizations
    with django_assert_num_queries(5):
        html = page(client).text
    assert "372 interns with 33 organizations, 2010 to 2015." in html
    assert html.count('<tr><th scope="row">') == 20 + 1  # the largest; the total
    assert '<tr class="folded"><th scope="row">13 other organizations</th>' in html
