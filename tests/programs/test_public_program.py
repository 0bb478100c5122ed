"""The public page of a program: what it is, all its rounds, and its statistics."""

import pytest
from django.urls import reverse

from programs.timeline import Phase
from tests.factories import RoundFactory

pytestmark = pytest.mark.django_db


def page(client, slug="gsoc"):
    return client.get(reverse("programs:program", args=[slug]))


def test_anyone_can_read_a_program(client, program):
    program.description = "Paid summer internships in open source."
    program.website = "https://summerofcode.withgoogle.com/"
    program.save()
    html = page(client).text
    assert "Paid summer internships in open source." in html
    assert 'href="https://summerofcode.withgoogle.com/"' in html


def test_an_unknown_program_is_not_found(client, program):
    assert page(client, "nope").status_code == 404


def test_it_links_to_the_statistics(client, program):
    assert 'href="/programs/gsoc/statistics/"' in page(client).text


def test_it_lists_every_round_with_its_phase(client, program):
    for year in range(2018, 2024):
        RoundFactory(program=program, name=f"GSoC {year}", phase=Phase.FINISHED)
    RoundFactory(program=program, name="GSoC 2027", phase=Phase.COMMUNITY_BONDING)
    html = page(client).text
    assert all(f"GSoC {year}" in html for year in range(2018, 2024))
    assert html.index("GSoC 2027") < html.index("GSoC 2018")
    assert "Community bonding" in html


def test_it_makes_the_same_queries_for_one_round_as_for_ten(
    client, program, django_assert_num_queries
):
    RoundFactory(program=program)
    with django_assert_num_queries(2):
        page(client)
    RoundFactory.create_batch(9, program=program, phase=Phase.FINISHED)
    with django_assert_num_queries(2):
        assert page(client).text.count('class="badge') == 10
