"""Mentors' email addresses on the public pages of ideas (projects.contacts).

An address appears where anyone can read it only if its owner chose so in their profile
(User.show_email, off by default); a person named on an imported page without an account
never chose. The organization's own people (any active role) and program admins see every
address, and the org admin's export stays what `ideas_export` writes.
"""

import re

import pytest
from django.urls import reverse

from programs.models import Membership
from projects.models import IdeaMentor
from projects.services.wiki_import import ideas_export
from projects.wiki.parse import parse_page
from tests.factories import UserFactory
from tests.projects.idea_rows import make_idea

pytestmark = pytest.mark.django_db

# Any email address, however it is written around (mailto:, <...>, JSON, wiki markup).
EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")

IMPORTED = "Kai Imported <kai@imported.example.net> (kai on IRC)"


@pytest.fixture
def people(participation):
    """Mentors of one published idea, none of whom chose to show their address."""
    return {
        "by_email": UserFactory(email="eva@private.example.org", display_name="Eva Email"),
        "cleared_irc": UserFactory(email="ian@private.example.org", display_name="Ian Cleared"),
        "no_display_name": UserFactory(email="nadia@private.example.org", display_name=""),
        "with_handles": UserFactory(
            email="hana@private.example.org",
            display_name="Hana Handles",
            irc_nick="hana",
            matrix_id="@hana:matrix.org",
        ),
    }


@pytest.fixture
def idea(participation, people):
    idea = make_idea(
        participation,
        "Disk backup tool",
        mentors=tuple(people.values()),
        mentor_names=(IMPORTED, "bare@imported.example.net"),
    )
    # Chose "IRC nick", then cleared the nick in their profile.
    IdeaMentor.objects.filter(idea=idea, user=people["cleared_irc"]).update(
        contact=IdeaMentor.Contact.IRC
    )
    return idea


def public_urls(idea) -> list[str]:
    round_slug = idea.participation.round.slug
    org = [round_slug, idea.participation.organization.slug]
    return [
        idea.get_absolute_url(),
        reverse("projects:round_ideas", args=[round_slug]),
        reverse("projects:org_ideas", args=org),
        reverse("projects:round_ideas_json", args=[round_slug]),
        reverse("projects:org_ideas_json", args=org),
        reverse("projects:org_ideas_wiki", args=org),
        reverse("projects:idea_wiki", args=[*org, idea.slug]),
    ]


def wiki_url(idea) -> str:
    participation = idea.participation
    return reverse(
        "projects:org_ideas_wiki", args=[participation.round.slug, participation.organization.slug]
    )


def test_no_anonymous_page_of_ideas_holds_an_address_its_owner_did_not_choose_to_show(client, idea):
    for url in public_urls(idea):
        response = client.get(url)

        assert response.status_code == 200, url
        text = response.content.decode()
        assert EMAIL.findall(text) == [], url
        assert "Eva Email" in text, url  # the mentors are still named
        assert "Kai Imported" in text, url


def test_signed_in_people_outside_the_organization_see_no_address_either(
    client, idea, applicant, outsider
):
    for person in (applicant, outsider):
        client.force_login(person)
        for url in public_urls(idea):
            assert EMAIL.findall(client.get(url).content.decode()) == [], (person, url)


def test_public_pages_show_the_name_and_chat_handles_instead(client, idea):
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Hana Handles · IRC: <code>hana</code> · Matrix: <code>@hana:matrix.org</code>" in page
    assert "Kai Imported · IRC: <code>kai</code>" in page
    assert '<div class="mentor">nadia</div>' in page  # the local part, as User.name

    (data,) = parse_page(client.get(wiki_url(idea)).content.decode()).ideas
    shown = {entry.name: (entry.email, entry.irc) for entry in data.mentors}
    assert shown["Ian Cleared"] == ("", "")  # a cleared nick falls back to the name alone
    assert shown["Hana Handles"] == ("", "hana")
    assert shown["Kai Imported"] == ("", "kai")
    assert shown["bare"] == ("", "")


def test_an_address_its_owner_chose_to_show_is_public(client, idea, people):
    people["by_email"].show_email = True
    people["by_email"].save()
    people["cleared_irc"].show_email = True
    people["cleared_irc"].save()

    page = client.get(idea.get_absolute_url()).content.decode()
    assert 'Eva Email · <a href="mailto:eva@private.example.org">' in page
    (data,) = parse_page(client.get(wiki_url(idea)).content.decode()).ideas
    emails = {entry.name: entry.email for entry in data.mentors}
    assert emails["Eva Email"] == "eva@private.example.org"
    assert emails["Ian Cleared"] == "ian@private.example.org"
    assert emails["Hana Handles"] == ""


@pytest.mark.parametrize("persona", ["mentor", "org_admin", "program_admin"])
def test_the_organizations_people_see_every_address(client, idea, persona, request):
    client.force_login(request.getfixturevalue(persona))

    page = client.get(idea.get_absolute_url()).content.decode()
    for address in ("eva@private.example.org", "kai@imported.example.net"):
        assert f'<a href="mailto:{address}">' in page
    wiki = client.get(wiki_url(idea)).content.decode()
    assert {"eva@private.example.org", "kai@imported.example.net"} <= set(EMAIL.findall(wiki))


def test_the_org_admins_export_is_what_ideas_export_writes(client, idea, org_admin):
    client.force_login(org_admin)

    response = client.get(wiki_url(idea))

    assert response.content.decode() == ideas_export(idea.participation)
    assert IMPORTED in response.content.decode()


def test_a_mentor_whose_role_ended_sees_the_public_page(client, idea, mentor):
    Membership.objects.filter(user=mentor).update(status=Membership.Status.WITHDRAWN)
    client.force_login(mentor)

    assert EMAIL.findall(client.get(wiki_url(idea)).content.decode()) == []
