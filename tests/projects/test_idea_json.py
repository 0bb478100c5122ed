"""The ideas lists as read-only JSON, for organizations' own websites.

Access: the same as the pages, but published ideas only, whoever asks (members too): a round
is public; an organization not accepted is 404 to outsiders and anonymous visitors. Nothing
here needs a login and nothing is written, so there is no 403 and no login redirect; only
GET and HEAD are allowed (405 otherwise).
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from programs.models import Participation
from projects.models import IdeaMentor, ProjectIdea, SkillLevel
from tests.factories import OrganizationFactory, ParticipationFactory, UserFactory
from tests.projects.idea_rows import make_idea

pytestmark = pytest.mark.django_db


def round_url(round_):
    return reverse("projects:round_ideas_json", args=[round_.slug])


def org_url(participation):
    return reverse(
        "projects:org_ideas_json", args=[participation.round.slug, participation.organization.slug]
    )


@pytest.fixture
def idea(participation):
    mira = UserFactory(display_name="Mira Mentor", irc_nick="mira")
    idea = make_idea(
        participation,
        "Disk backup tool",
        summary="Back up running guests.",
        description="Use the *dirty bitmap* API.",
        skill_level=SkillLevel.INTERMEDIATE,
        languages=("C",),
        skills=("Storage",),
        expected_hours=175,
        links=[{"label": "Dirty bitmaps", "url": "https://qemu.org/docs/bitmaps"}],
        starter_tasks=[{"title": "Fix a warning", "url": "https://qemu.org/bite"}],
        mentors=(mira,),
        mentor_names=("Kevin Wolf",),
    )
    IdeaMentor.objects.filter(idea=idea, user=mira).update(contact=IdeaMentor.Contact.IRC)
    return idea


def test_it_gives_every_field_of_a_published_idea(client, idea, settings):
    settings.SITE_URL = "https://internships.example.org"

    response = client.get(round_url(idea.participation.round))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 1
    assert body["round"]["slug"] == "gsoc-2027"
    published_at = idea.participation.round.ideas_published
    assert body["ideas"] == [
        {
            "title": "Disk backup tool",
            "url": "https://internships.example.org/rounds/gsoc-2027/orgs/qemu/ideas/disk-backup-tool/",
            "organization": {"name": "QEMU", "slug": "qemu"},
            "summary": "Back up running guests.",
            "description": "Use the *dirty bitmap* API.",
            "skill_level": "intermediate",
            "languages": ["C"],
            "skills": ["Storage"],
            "expected_hours": 175,
            "mentors": ["Mira Mentor", "Kevin Wolf"],
            "links": [{"label": "Dirty bitmaps", "url": "https://qemu.org/docs/bitmaps"}],
            "starter_tasks": [{"title": "Fix a warning", "url": "https://qemu.org/bite"}],
            "published_at": published_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    ]


def test_any_website_may_read_it(client, idea):
    for url in (round_url(idea.participation.round), org_url(idea.participation)):
        assert client.get(url)["Access-Control-Allow-Origin"] == "*"


def test_an_organizations_list_names_the_organization(client, idea):
    body = client.get(org_url(idea.participation)).json()

    assert body["organization"] == {"name": "QEMU", "slug": "qemu"}
    assert [entry["title"] for entry in body["ideas"]] == ["Disk backup tool"]


def test_it_uses_the_same_filters_as_the_pages(client, participation):
    libvirt = ParticipationFactory(
        round=participation.round, organization=OrganizationFactory(name="libvirt", slug="libvirt")
    )
    make_idea(participation, "Beginner C", skill_level=SkillLevel.BEGINNER, languages=("C",))
    make_idea(participation, "Advanced C", skill_level=SkillLevel.ADVANCED, languages=("C",))
    make_idea(libvirt, "Beginner Rust", skill_level=SkillLevel.BEGINNER, languages=("Rust",))

    def titles(url, **query):
        return [entry["title"] for entry in client.get(url, query).json()["ideas"]]

    assert titles(round_url(participation.round), skill_level="beginner") == [
        "Beginner Rust",
        "Beginner C",
    ]  # organizations by name (libvirt before QEMU), then titles
    assert titles(round_url(participation.round), organization="libvirt") == ["Beginner Rust"]
    assert titles(round_url(participation.round), q="advanced") == ["Advanced C"]
    assert titles(org_url(participation), language="c", skill_level="beginner") == ["Beginner C"]


def test_a_bad_filter_value_is_a_400_naming_the_field(client, participation):
    response = client.get(round_url(participation.round), {"size": "huge"})

    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert list(response.json()["errors"]) == ["size"]


def test_only_published_ideas_even_for_the_organizations_people(client, participation, org_admin):
    make_idea(participation, "Published")
    for status in (ProjectIdea.Status.DRAFT, ProjectIdea.Status.PROPOSED):
        make_idea(participation, f"Not {status}", status=status)
    client.force_login(org_admin)

    for url in (round_url(participation.round), org_url(participation)):
        assert [entry["title"] for entry in client.get(url).json()["ideas"]] == ["Published"]


def test_an_idea_appears_at_the_ideas_date_instant(client, idea):
    instant = idea.participation.round.ideas_published

    with time_machine.travel(instant - timedelta(seconds=1), tick=False):
        assert client.get(round_url(idea.participation.round)).json()["count"] == 0
    with time_machine.travel(instant, tick=False):
        assert client.get(round_url(idea.participation.round)).json()["count"] == 1


def test_an_organization_not_accepted_is_not_found(client, participation, outsider):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)

    assert client.get(org_url(participation)).status_code == 404
    client.force_login(outsider)
    assert client.get(org_url(participation)).status_code == 404


def test_an_unknown_round_is_not_found(client, db):
    assert client.get(reverse("projects:round_ideas_json", args=["nope"])).status_code == 404


def test_posting_is_not_allowed(client, participation):
    assert client.post(round_url(participation.round)).status_code == 405
    assert client.post(org_url(participation)).status_code == 405


def _ideas(participation, count):
    for _ in range(count):
        make_idea(
            participation,
            languages=("C", "Rust"),
            skills=("Storage",),
            mentors=(UserFactory(), UserFactory()),
            mentor_names=("Someone",),
        )


def _plain_ideas(participation, count):
    """Ideas without tags or mentors, in one insert: enough to fill pages."""
    ProjectIdea.objects.bulk_create(
        ProjectIdea(
            participation=participation,
            title=f"Plain {i:03}",
            slug=f"plain-{i:03}",
            summary="Do it.",
            description="How.",
            status=ProjectIdea.Status.APPROVED,
            skill_level=SkillLevel.INTERMEDIATE,
        )
        for i in range(count)
    )


# The round (or the participation); the list's version (count and latest change); the
# filtered list counted; one page of ideas; their tags; their mentors with their users.
@pytest.mark.parametrize(("which", "queries"), [("round", 6), ("org", 6)])
def test_it_makes_the_same_queries_for_5_or_105_ideas(
    client, participation, django_assert_num_queries, which, queries
):
    url = round_url(participation.round) if which == "round" else org_url(participation)
    _ideas(participation, 5)
    with django_assert_num_queries(queries):
        client.get(url, {"skill_level": "intermediate"})

    _ideas(participation, 100)
    with django_assert_num_queries(queries):
        response = client.get(url, {"skill_level": "intermediate"})

    body = response.json()
    assert (body["count"], body["pages"], len(body["ideas"])) == (105, 2, 100)


def test_a_long_list_comes_in_pages_linked_to_each_other(client, participation, settings):
    settings.SITE_URL = "https://internships.example.org"
    _plain_ideas(participation, 130)
    url = round_url(participation.round)

    first = client.get(url, {"skill_level": "intermediate"}).json()
    assert (first["count"], first["page"], first["pages"]) == (130, 1, 2)
    assert [idea["title"] for idea in first["ideas"]][:2] == ["Plain 000", "Plain 001"]
    assert len(first["ideas"]) == 100
    assert first["previous"] is None
    assert first["next"] == (
        f"https://internships.example.org{url}?skill_level=intermediate&page=2"
    )

    second = client.get(first["next"].removeprefix("https://internships.example.org")).json()
    assert [idea["title"] for idea in second["ideas"]] == [f"Plain {i}" for i in range(100, 130)]
    assert second["next"] is None
    assert second["previous"].endswith(f"{url}?skill_level=intermediate&page=1")
    assert second["ideas"][0]["url"] == (
        "https://internships.example.org/rounds/gsoc-2027/orgs/qemu/ideas/plain-100/"
    )


@pytest.mark.parametrize("page", ["0", "3", "two"])
def test_a_page_that_does_not_exist_is_a_400_naming_the_pages(client, participation, page):
    _plain_ideas(participation, 130)
    response = client.get(round_url(participation.round), {"page": page})
    assert response.status_code == 400
    assert response.json()["errors"]["page"][0]["message"] == "Pages run from 1 to 2."


def test_a_website_polling_an_unchanged_list_gets_a_304_from_two_queries(
    client, idea, django_assert_num_queries
):
    for url in (round_url(idea.participation.round), org_url(idea.participation)):
        first = client.get(url)
        assert first["ETag"].startswith('W/"')
        assert first["Cache-Control"] == "public, no-cache"
        # The round (or participation) and the list's version; no idea is read.
        with django_assert_num_queries(2):
            again = client.get(url, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304
        assert again.content == b""
        since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
        assert since.status_code == 304


def test_an_edited_idea_changes_the_lists_version(client, idea):
    url = round_url(idea.participation.round)
    first = client.get(url)
    with time_machine.travel(idea.updated_at + timedelta(minutes=5), tick=False):
        idea.summary = "Back up running guests, incrementally."
        idea.save()
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again["Last-Modified"] != first["Last-Modified"]
    assert again.json()["ideas"][0]["summary"] == "Back up running guests, incrementally."


def test_a_withdrawn_organization_changes_the_lists_version(client, idea, participation):
    url = round_url(participation.round)
    first = client.get(url)
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.WITHDRAWN)
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again.json()["count"] == 0


def test_every_page_of_an_unchanged_list_answers_a_304(client, participation):
    _plain_ideas(participation, 130)
    url = round_url(participation.round)
    first = client.get(url)
    # Another address, so a cache holds it apart; the same data version, so the same tag.
    second = client.get(url, {"page": 2}, headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 304


HIDDEN_SCRIPT_LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\x01javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://qemu.org/\njavascript:alert(1)",
    "//evil.example/x",
]


def test_only_http_links_leave_the_site_in_every_field_that_carries_one(client, participation):
    rows = [{"label": f"link {i}", "url": url} for i, url in enumerate(HIDDEN_SCRIPT_LINKS)]
    tasks = [{"title": f"task {i}", "url": url} for i, url in enumerate(HIDDEN_SCRIPT_LINKS)]
    good = [
        {"label": "Docs", "url": "https://qemu.org/docs?a=1&b=2#x"},
        {"label": "Old", "url": "HTTP://qemu.org/old"},
    ]
    make_idea(participation, "Disk backup tool", links=rows + good, starter_tasks=tasks)

    for url in (round_url(participation.round), org_url(participation)):
        (idea,) = client.get(url).json()["ideas"]
        assert [link["url"] for link in idea["links"]] == [""] * len(rows) + [
            "https://qemu.org/docs?a=1&b=2#x",
            "HTTP://qemu.org/old",
        ]
        assert [link["label"] for link in idea["links"]][-2:] == ["Docs", "Old"]
        assert [task["url"] for task in idea["starter_tasks"]] == [""] * len(tasks)
        assert idea["url"].startswith("http")


def test_links_to_wiki_pages_are_absolute_addresses_of_the_organizations_wiki(client, idea):
    organization = idea.participation.organization
    organization.wiki_url = "https://wiki.qemu.org/index.php?title="
    organization.save()
    idea.description = "See [the feature](Features/LiveBlockMigration), `[a](b)` and [x](#top)."
    idea.links = [{"label": "", "url": "GSoC 2017"}]
    idea.save()

    (shown,) = client.get(round_url(idea.participation.round)).json()["ideas"]

    assert shown["description"] == (
        "See [the feature](https://wiki.qemu.org/index.php?title=Features/LiveBlockMigration), "
        "`[a](b)` and [x](#top)."
    )
    assert shown["links"] == [
        {"label": "", "url": "https://wiki.qemu.org/index.php?title=GSoC_2017"}
    ]
