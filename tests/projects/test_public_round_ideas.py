"""The published ideas of a round, with filters and pages.

Access: the list is public (anyone, signed in or not, reads it) and shows only published
ideas, so drafts and ideas of organizations not accepted are absent for everyone; there is no
read-only role and no login. An unknown round is 404.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from programs.models import Participation
from programs.timeline import Phase
from projects.models import ProjectIdea, SkillLevel
from tests.factories import OrganizationFactory, ParticipationFactory, RoundFactory, UserFactory
from tests.projects.idea_rows import make_idea

pytestmark = pytest.mark.django_db


def url(round_):
    return reverse("projects:round_ideas", args=[round_.slug])


def test_anyone_reads_a_published_idea_with_what_applicants_scan(client, participation):
    mira = UserFactory(display_name="Mira Mentor")
    make_idea(
        participation,
        "Disk backup tool",
        summary="Back up running guests.",
        skill_level=SkillLevel.INTERMEDIATE,
        languages=("C", "Python"),
        expected_hours=175,
        mentors=(mira,),
        mentor_names=("Stefan Hajnoczi",),
    )

    response = client.get(url(participation.round))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/rounds/gsoc-2027/orgs/qemu/ideas/disk-backup-tool/"' in page
    for shown in (
        "Disk backup tool",
        "QEMU",
        "Back up running guests.",
        "Intermediate",
        "C</span>",
        "Python</span>",
        "175 hours",
        "Mira Mentor",
        "Stefan Hajnoczi",
    ):
        assert shown in page
    assert mira.email not in page  # the list names mentors; contacts are on the idea page


@pytest.mark.parametrize(
    "status",
    [s for s in ProjectIdea.Status.values if s != ProjectIdea.Status.APPROVED],
)
def test_an_idea_not_approved_is_not_listed(client, participation, status):
    make_idea(participation, "Secret plan", status=status)

    assert "Secret plan" not in client.get(url(participation.round)).content.decode()


def test_ideas_of_an_organization_not_accepted_are_not_listed(client, round_):
    applied = ParticipationFactory(round=round_, status=Participation.Status.APPLIED)
    make_idea(applied, "Hopeful idea")

    assert "Hopeful idea" not in client.get(url(round_)).content.decode()


def test_ideas_of_other_rounds_are_not_listed(client, round_, program):
    other = ParticipationFactory(round=RoundFactory(program=program))
    make_idea(other, "Another year's idea")

    assert "Another year's idea" not in client.get(url(round_)).content.decode()


def test_before_the_ideas_date_it_says_when_ideas_are_published(client, program):
    round_ = RoundFactory(program=program, phase=Phase.IDEA_PROPOSALS)
    make_idea(ParticipationFactory(round=round_), "Early bird")

    page = client.get(url(round_)).content.decode()

    assert "are published <time" in page
    assert round_.ideas_published.isoformat() in page
    assert "Early bird" not in page


def test_an_idea_appears_at_the_ideas_date_instant_not_a_second_before(client, program):
    round_ = RoundFactory(program=program, phase=Phase.IDEA_PROPOSALS)
    make_idea(ParticipationFactory(round=round_), "Right on time")

    with time_machine.travel(round_.ideas_published - timedelta(seconds=1), tick=False):
        assert "Right on time" not in client.get(url(round_)).content.decode()
    with time_machine.travel(round_.ideas_published, tick=False):
        assert "Right on time" in client.get(url(round_)).content.decode()


def test_filters_narrow_the_list_and_the_form_keeps_their_values(client, participation):
    make_idea(
        participation,
        "Tracing improvements",
        skill_level=SkillLevel.BEGINNER,
        languages=("Python",),
    )
    make_idea(participation, "Disk backup tool", skill_level=SkillLevel.ADVANCED, languages=("C",))

    response = client.get(url(participation.round), {"skill_level": "beginner", "q": "tracing"})

    page = response.content.decode()
    assert [idea.title for idea in response.context["page"]] == ["Tracing improvements"]
    assert "Disk backup tool" not in page
    assert '<option value="beginner" selected>' in page
    assert 'value="tracing"' in page
    assert "1 idea matches" in page


def test_each_filter_works_on_the_page(client, participation):
    libvirt = ParticipationFactory(
        round=participation.round, organization=OrganizationFactory(name="libvirt", slug="libvirt")
    )
    make_idea(participation, "Small C idea", languages=("C",), expected_hours=90)
    make_idea(
        libvirt,
        "Large Rust idea",
        languages=("Rust",),
        expected_hours=350,
        skill_level=SkillLevel.ADVANCED,
    )

    def listed(**query):
        response = client.get(url(participation.round), query)
        return [idea.title for idea in response.context["page"]]

    assert listed(language="rust") == ["Large Rust idea"]
    assert listed(size="small") == ["Small C idea"]
    assert listed(size="350") == ["Large Rust idea"]
    assert listed(organization="qemu") == ["Small C idea"]
    assert listed(skill_level="advanced") == ["Large Rust idea"]
    assert listed(q="libvirt") == ["Large Rust idea"]
    assert listed(organization="libvirt", language="c") == []


def test_an_unknown_filter_value_is_shown_as_an_error(client, participation):
    make_idea(participation, "Still listed")

    response = client.get(url(participation.round), {"language": "cobol"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_it_shows_25_ideas_a_page_and_keeps_the_filters_in_page_links(client, participation):
    for number in range(30):
        make_idea(participation, f"Idea {number:02}", languages=("C",))

    first = client.get(url(participation.round), {"language": "c"})
    second = client.get(url(participation.round), {"language": "c", "page": 2})

    assert len(first.context["page"]) == 25
    assert [i.title for i in second.context["page"]] == [f"Idea {n}" for n in range(25, 30)]
    assert 'href="?language=c&amp;page=2"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_it_links_to_the_same_list_as_json(client, participation):
    make_idea(participation, "Any idea", languages=("C",))

    page = client.get(url(participation.round), {"language": "c", "page": 1}).content.decode()

    assert 'href="/rounds/gsoc-2027/ideas.json?language=c"' in page


def test_an_unknown_round_is_not_found(client, db):
    assert client.get(reverse("projects:round_ideas", args=["no-such-round"])).status_code == 404


def _ideas_with_tags(participation, count):
    for _ in range(count):
        make_idea(
            participation,
            languages=("C", "Rust"),
            skills=("Storage",),
            mentors=(UserFactory(), UserFactory()),
            mentor_names=("Someone",),
            expected_hours=90,
        )


# Round, count, page, tags, mentors with their users, the language choices (organizations are
# typed, not listed); signed in, session and user first.
@pytest.mark.parametrize(("viewer", "queries"), [("anonymous", 6), ("applicant", 8)])
def test_it_makes_the_same_queries_for_5_or_60_ideas(
    client, participation, django_assert_num_queries, request, viewer, queries
):
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    _ideas_with_tags(participation, 5)
    with django_assert_num_queries(queries):
        client.get(url(participation.round))

    _ideas_with_tags(participation, 55)
    with django_assert_num_queries(queries):
        response = client.get(url(participation.round))

    assert response.context["page"].paginator.count == 60


def test_filtering_keeps_the_query_count_constant(client, participation, django_assert_num_queries):
    _ideas_with_tags(participation, 5)
    query = {"language": "c", "organization": "qemu", "q": "idea", "size": "small"}
    with django_assert_num_queries(8):  # plus the lookups of the language and organization
        client.get(url(participation.round), query)

    _ideas_with_tags(participation, 30)
    with django_assert_num_queries(8):
        response = client.get(url(participation.round), query)

    assert response.context["page"].paginator.count == 35


def test_the_filters_do_not_list_the_rounds_organizations(client, participation):
    for number in range(60):
        ParticipationFactory(
            round=participation.round,
            organization=OrganizationFactory(name=f"Project {number:02}", slug=f"p-{number:02}"),
        )
    make_idea(participation, "Any idea")

    page = client.get(url(participation.round)).content.decode()
    filters = page[page.index('class="card filters"') : page.index("Show ideas")]

    assert 'name="organization"' in filters
    assert 'type="text"' in filters
    assert "Project 59" not in filters and "p-59" not in filters
    assert filters.count("<option") < 20  # the skill levels, sizes and languages only


def test_an_organization_is_found_by_its_name_in_any_case(client, participation):
    libvirt = ParticipationFactory(
        round=participation.round, organization=OrganizationFactory(name="libvirt", slug="lv")
    )
    make_idea(participation, "QEMU idea")
    make_idea(libvirt, "libvirt idea")

    response = client.get(url(participation.round), {"organization": "LibVirt"})

    assert [idea.title for idea in response.context["page"]] == ["libvirt idea"]
    assert 'value="LibVirt"' in response.content.decode()


def test_an_organization_not_in_the_round_is_an_error_that_keeps_what_was_typed(
    client, participation
):
    make_idea(participation, "Still listed")

    response = client.get(url(participation.round), {"organization": "Linux kernel"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "No accepted organization of this round is called “Linux kernel”" in page
    assert 'value="Linux kernel"' in page
