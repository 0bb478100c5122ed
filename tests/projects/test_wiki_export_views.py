"""One idea, or an organization's list, as wiki markup (text/plain).

Access: as the idea page and the organization's list (projects.permissions.idea_for_view and
visible_ideas): published ideas are public; an unpublished one is 404 to the public and to
other organizations' people, and shown to its mentors and the org admins; the list shows each
viewer what they may see. These are public pages, so anonymous visitors are never sent to log
in, and there is no read-only role.
"""

import time

import pytest
from django.urls import reverse

from projects.models import IdeaMentor, ProjectIdea, SkillLevel
from projects.wiki.parse import parse_page
from tests.factories import UserFactory
from tests.projects.idea_rows import make_idea

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status


def list_url(participation):
    return reverse(
        "projects:org_ideas_wiki", args=[participation.round.slug, participation.organization.slug]
    )


def idea_url(idea):
    participation = idea.participation
    return reverse(
        "projects:idea_wiki",
        args=[participation.round.slug, participation.organization.slug, idea.slug],
    )


def test_a_published_idea_is_its_template_block_for_anyone(client, participation):
    idea = make_idea(participation, "Disk Backup Tool", languages=("Python",))

    response = client.get(idea_url(idea))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    (data,) = parse_page(response.content.decode()).ideas
    assert (data.title, data.languages) == ("Disk Backup Tool", ("Python",))


def test_a_draft_is_404_to_the_public_and_to_other_organizations(client, participation, outsider):
    draft = make_idea(participation, "Secret", status=Status.DRAFT)

    assert client.get(idea_url(draft)).status_code == 404
    client.force_login(outsider)
    assert client.get(idea_url(draft)).status_code == 404


def test_a_draft_is_shown_to_its_mentor(client, participation, mentor):
    draft = make_idea(participation, "Mine", status=Status.DRAFT, mentors=(mentor,))
    client.force_login(mentor)

    response = client.get(idea_url(draft))

    assert response.status_code == 200
    assert response.content.decode().startswith("=== Mine ===")


def test_the_list_holds_the_published_ideas_for_the_public(client, participation):
    make_idea(participation, "Published")
    make_idea(participation, "Draft", status=Status.DRAFT)

    result = parse_page(client.get(list_url(participation)).content.decode())

    assert [idea.title for idea in result.ideas] == ["Published"]


def test_the_list_holds_every_idea_for_the_org_admins(client, participation, org_admin):
    make_idea(participation, "Published")
    make_idea(participation, "Draft", status=Status.DRAFT)
    client.force_login(org_admin)

    result = parse_page(client.get(list_url(participation)).content.decode())

    assert [idea.title for idea in result.ideas] == ["Draft", "Published"]


def test_the_list_takes_the_public_lists_filters(client, participation):
    make_idea(participation, "Beginner C", skill_level=SkillLevel.BEGINNER, languages=("C",))
    make_idea(participation, "Advanced C", skill_level=SkillLevel.ADVANCED, languages=("C",))
    make_idea(participation, "Beginner Rust", skill_level=SkillLevel.BEGINNER, languages=("Rust",))
    make_idea(participation, "Sized", expected_hours=350, summary="Disk backups")

    def titles(**query):
        page = client.get(list_url(participation), query).content.decode()
        return [idea.title for idea in parse_page(page).ideas]

    assert titles(skill_level="beginner", language="c") == ["Beginner C"]
    assert titles(size="large") == ["Sized"]
    assert titles(q="backups") == ["Sized"]


def test_the_list_makes_as_many_queries_for_twelve_ideas_as_for_two(
    client, participation, django_assert_num_queries
):
    def make(count):
        for _ in range(count):
            make_idea(
                participation,
                languages=("C", "Python"),
                mentors=(UserFactory(),),
                mentor_names=("Kai (kai on IRC)",),
            )

    make(2)
    # The participation, then the ideas, their tags and their mentors with their accounts.
    with django_assert_num_queries(4):
        assert len(parse_page(client.get(list_url(participation)).content.decode()).ideas) == 2
    make(10)
    with django_assert_num_queries(4):
        assert len(parse_page(client.get(list_url(participation)).content.decode()).ideas) == 12


def test_a_mentor_who_chose_irc_and_cleared_the_nick_is_named_without_their_address(
    client, participation
):
    ian = UserFactory(display_name="Ian Cleared", email="ian@example.org", irc_nick="")
    idea = make_idea(participation, "Tracing", mentors=(ian,))
    IdeaMentor.objects.filter(idea=idea).update(contact=IdeaMentor.Contact.IRC)

    for url in (idea_url(idea), list_url(participation)):
        text = client.get(url).content.decode()
        assert "* Mentor: Ian Cleared\n" in text
        assert "ian@example.org" not in text


def test_the_public_export_of_stored_ideas_built_to_make_it_work_for_minutes_takes_a_blink(
    client, participation
):
    """What an import or the form may have stored before the caps: markup left open in long
    lines (each unclosed "{{" made the tokenizer read the whole rest of the line again) and a
    mentor name padded with spaces (the mentor pattern tried every split of them)."""
    tangled = "\n\n".join(["{{a|b=" * 1500] * 4)
    padded = "John" + " " * 190 + "Smith"
    for i in range(5):
        make_idea(participation, f"Idea {i}", description=tangled, mentor_names=(padded,))

    start = time.perf_counter()
    response = client.get(list_url(participation))
    seconds = time.perf_counter() - start

    assert seconds < 1
    (first, *_) = parse_page(response.content.decode()).ideas
    assert first.description == tangled
    assert first.mentors[0].name == padded
