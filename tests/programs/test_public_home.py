"""The home page: programs with their rounds, running ones first, and a person's own roles."""

import re

import pytest
from django.urls import reverse

from programs.models import Membership
from programs.timeline import Phase
from tests.factories import MembershipFactory, ProgramFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def home(client):
    return client.get(reverse("programs:home"))


def round_names(html: str) -> list[str]:
    return re.findall(r'<a href="/rounds/[\w-]+/">([^<]+)</a>', html)


def test_anyone_sees_the_programs_and_their_rounds(client, round_):
    response = home(client)
    assert response.status_code == 200
    assert "Google Summer of Code" in response.text
    assert "Google Summer of Code 2027" in response.text
    assert "Contribution and application period" in response.text
    assert "Next: Application deadline" in response.text
    assert "Your roles" not in response.text


def test_running_rounds_come_before_upcoming_and_finished_ones(client, program):
    RoundFactory(program=program, name="GSoC 2025", phase=Phase.FINISHED)
    RoundFactory(program=program, name="GSoC 2028", phase=Phase.UPCOMING)
    RoundFactory(program=program, name="GSoC 2027", phase=Phase.CODING)
    assert round_names(home(client).text) == ["GSoC 2027", "GSoC 2028", "GSoC 2025"]


def test_programs_with_a_running_round_come_first(client, db):
    RoundFactory(program=ProgramFactory(name="Alpha Internships"), phase=Phase.FINISHED)
    RoundFactory(program=ProgramFactory(name="Zeta Internships"), phase=Phase.REVIEW)
    html = home(client).text
    assert html.index("Zeta Internships") < html.index("Alpha Internships")


def test_only_the_latest_finished_rounds_are_shown_with_a_link_to_all(client, program):
    for year in range(2020, 2025):
        RoundFactory(program=program, name=f"GSoC {year}", phase=Phase.FINISHED)
    html = home(client).text
    assert len(round_names(html)) == 3
    assert "All rounds of Google Summer of Code" in html
    assert "(2 earlier not shown)" in html


def test_a_signed_in_person_sees_their_roles_linking_to_the_organization(client, org_admin, mentor):
    client.force_login(org_admin)
    html = home(client).text
    assert "Your roles" in html
    assert re.search(
        r'Organization admin of\s*<a href="/rounds/gsoc-2027/orgs/qemu/">QEMU</a>\s*'
        r'in <a href="/rounds/gsoc-2027/">Google Summer of Code 2027</a>',
        html,
    )
    assert "Mentor of" not in html  # Mira's role, not Olga's


def test_an_ended_role_is_not_listed(client, participation):
    person = UserFactory()
    MembershipFactory(participation=participation, user=person, status=Membership.Status.WITHDRAWN)
    client.force_login(person)
    html = home(client).text
    assert "You hold no organization role yet." in html
    assert "/orgs/qemu/" not in html


def _more_programs_with_roles_for(person, count: int) -> None:
    for _ in range(count):
        program = ProgramFactory()
        for phase in (Phase.FINISHED, Phase.APPLICATIONS):
            MembershipFactory(
                participation__round=RoundFactory(program=program, phase=phase), user=person
            )


def test_it_makes_the_same_queries_for_few_programs_as_for_many(
    client, mentor, django_assert_num_queries
):
    client.force_login(mentor)
    # session, user; programs, their rounds; the person's roles; their open applications;
    # their running internships
    with django_assert_num_queries(7):
        home(client)
    _more_programs_with_roles_for(mentor, 6)
    with django_assert_num_queries(7):
        html = home(client).text
    assert html.count("Mentor of") == 1 + 12


def test_an_anonymous_visit_makes_two_queries(client, round_, django_assert_num_queries):
    with django_assert_num_queries(2):
        home(client)


def test_with_no_programs_it_says_so(client):
    assert "No programs yet." in home(client).text
