"""Every page a signed-in person fetches says `Cache-Control: private, no-store`, so no shared
cache (a proxy, a CDN) keeps one person's dashboard, drafts or preferences for the next.

The URL list is read from the resolver, so a page added later is checked too; the only
exceptions are feeds that are the same for everyone and say so themselves.
"""

import pytest

from programs.models import Membership
from tests.config.site_urls import SKIPPED_NAMESPACES, filled, routes
from tests.factories import MembershipFactory
from tests.projects.idea_rows import make_idea

# The site's URLs, with stand-ins for the applicant's pages not routed yet (the dashboard links
# to them by name); the site's own URLconf again once they are.
pytestmark = pytest.mark.django_db

# The same for everyone whoever asks, and fetched by calendar apps and other websites.
PUBLIC_FEEDS = {"programs:round_ics", "projects:round_ideas_json", "projects:org_ideas_json"}


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
        "phase": "midterm",
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
