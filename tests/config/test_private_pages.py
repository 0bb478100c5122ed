"""Every page a signed-in person fetches says `Cache-Control: private, no-store`, so no shared
cache (a proxy, a CDN) keeps one person's dashboard, drafts or preferences for the next.

The URL list is read from the resolver, so a page added later is checked too; the only
exceptions are feeds that are the same for everyone and say so themselves.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from programs.models import Membership
from tests.factories import MembershipFactory
from tests.projects.idea_rows import make_idea

# The site's URLs, with stand-ins for the applicant's pages not routed yet (the dashboard links
# to them by name); the site's own URLconf again once they are.
pytestmark = pytest.mark.django_db

# The same for everyone whoever asks, and fetched by calendar apps and other websites.
PUBLIC_FEEDS = {"programs:round_ics", "projects:round_ideas_json", "projects:org_ideas_json"}
# Third-party apps' pages are checked at their entry points below.
SKIPPED_NAMESPACES = ("admin", "account", "socialaccount")
PLACEHOLDER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def routes(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, route) of every page of the site, with its placeholders."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and "(" not in str(entry.pattern):
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def filled(route: str, values: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        name = match["name"]
        if name == "slug":  # a program's or a round's, by where it stands
            return values["program"] if route.startswith("programs/") else values["round"]
        return values[name]

    return "/" + PLACEHOLDER.sub(value, route)


@pytest.fixture
def site_pages(participation, program_admin, org_admin):
    idea = make_idea(participation, "Disk backup tool", mentors=(org_admin,))
    membership = Membership.objects.get(user=org_admin)
    values = {
        "program": participation.round.program.slug,
        "round": participation.round.slug,
        "round_slug": participation.round.slug,
        "org_slug": participation.organization.slug,
        "idea_slug": idea.slug,
        "pk": str(membership.pk),
        "token": "not-a-token",
    }
    pages = [
        (name, filled(route, values))
        for name, route in routes()
        if not name.startswith(SKIPPED_NAMESPACES)
    ]
    pages += [
        ("admin", "/django-admin/"),
        ("account", "/accounts/email/"),
        ("account", "/accounts/password/change/"),
    ]
    return pages


def test_the_url_list_covers_the_private_pages(site_pages):
    names = {name for name, _ in site_pages}
    for private in (
        "programs:participation_manage",
        "programs:manage",
        "projects:my_ideas",
        "projects:review_queue",
        "projects:idea_edit",
        "notifications:status",
        "notifications:preferences",
        "people:profile",
    ):
        assert private in names


@pytest.mark.parametrize("persona", ["program_admin", "org_admin", "applicant"])
def test_every_page_a_signed_in_person_fetches_is_private_and_not_stored(
    client, site_pages, persona, request
):
    person = request.getfixturevalue(persona)
    if persona == "program_admin":  # also an org admin, so the organization's pages answer
        MembershipFactory(
            participation=request.getfixturevalue("participation"),
            user=person,
            role=Membership.Role.ORG_ADMIN,
        )
    client.force_login(person)

    answered = 0
    for name, url in site_pages:
        response = client.get(url)
        assert response.status_code < 500, url
        answered += response.status_code == 200
        cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        if name in PUBLIC_FEEDS:
            continue
        assert {"private", "no-store"} <= cache_control, (url, response.status_code)
    assert answered >= 10  # the pages themselves answered, not just their refusals


def test_anonymous_visitors_public_pages_stay_cacheable(client, site_pages):
    response = client.get("/")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
