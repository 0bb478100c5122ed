"""axe-core finds no serious or critical violation on the pages people use most, the keyboard
goes where a person expects, and a 390-pixel phone reads the round and its ideas without
scrolling sideways.

One browser for the session (pytest-playwright's), one test per group of pages: each page
costs one load and one axe run. axe-core comes from the pinned axe-playwright-python package.
"""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from notifications.models import Heartbeat, Message
from programs.models import Membership
from programs.timeline import Phase
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
    UserFactory,
)
from tests.notifications.outbox_helpers import message_for
from tests.projects.idea_rows import make_idea

SERIOUS = {"serious", "critical"}
# Rules axe rates below serious that the pages must pass all the same: a header cell that a
# screen reader reads as nothing.
ALSO_REQUIRED = {"empty-table-header"}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def violations(axe, page) -> list[str]:
    """Each serious or critical rule the page breaks, with its first offending elements."""
    results = axe.run(page)
    return [
        f"{rule['id']} ({rule['impact']}): {[node['target'] for node in rule['nodes'][:3]]}"
        for rule in results.response["violations"]
        if rule["impact"] in SERIOUS or rule["id"] in ALSO_REQUIRED
    ]


@pytest.fixture
def world(db):
    """A round in its application period: QEMU with a published idea, a mentor and an org
    admin (so the idea form offers co-mentors and the dashboard lists people and an open
    invitation), and a status page with a failure and a silent beat."""
    round_ = RoundFactory(phase=Phase.APPLICATIONS, name="Summer 2027", slug="summer-2027")
    qemu = ParticipationFactory(
        round=round_,
        organization=OrganizationFactory(name="QEMU", slug="qemu"),
        gate_contributions=1,
        gate_deadline=round_.applications_close,
        slots_granted=2,
    )
    org_admin = UserFactory(display_name="Olga Orgadmin")
    mentor = UserFactory(display_name="Mira Mentor")
    MembershipFactory(participation=qemu, user=org_admin, role=Membership.Role.ORG_ADMIN)
    leaving = MembershipFactory(participation=qemu, user=mentor, role=Membership.Role.MENTOR)
    qemu.invitations.create(
        email="new@example.org",
        role=Membership.Role.MENTOR,
        invited_by=org_admin,
        expires_at=timezone.now() + timedelta(days=7),
    )
    make_idea(
        qemu,
        "Live migration of block jobs across hosts",
        languages=("C", "Python"),
        skills=("QEMU block layer",),
        mentors=(mentor, org_admin),
        expected_hours=350,
    )
    Heartbeat.objects.create(name="beat@a", last_seen=timezone.now() - timedelta(hours=1))
    message_for(mentor, status=Message.Status.FAILED, attempts=5, last_error="SMTP: refused")
    return {"round": round_, "org_admin": org_admin, "mentor": mentor, "leaving": leaving.pk}


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_public_pages_have_no_serious_accessibility_violation(live_server, page, axe, world):
    slug = world["round"].slug
    found = {}
    for url in (
        reverse("account_login"),
        reverse("programs:round", args=[slug]),
        reverse("projects:round_ideas", args=[slug]),
    ):
        page.goto(live_server.url + url)
        found[url] = violations(axe, page)
    assert found == {url: [] for url in found}


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_working_pages_have_no_serious_accessibility_violation(
    live_server, page_as, axe, world
):
    org_args = [world["round"].slug, "qemu"]
    found = {}
    for user, url in (
        (world["org_admin"], reverse("projects:idea_create", args=org_args)),
        (world["org_admin"], reverse("programs:participation_manage", args=org_args)),
        (world["mentor"], reverse("programs:membership_end", args=[*org_args, world["leaving"]])),
        (UserFactory(is_program_admin=True), reverse("notifications:status")),
    ):
        page = page_as(user)
        page.goto(live_server.url + url)
        found[url] = violations(axe, page)
    assert found == {url: [] for url in found}


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_keyboard_skips_to_the_content_and_logs_in_in_order(live_server, page, world):
    page.goto(live_server.url + reverse("account_login"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.get_by_label("Email").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    expect(page.get_by_role("link", name="Forgot your password?")).to_have_count(1)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_phone_reads_the_round_and_its_ideas_without_scrolling_sideways(
    live_server, new_context, world
):
    phone = new_context(viewport=PHONE).new_page()
    slug = world["round"].slug
    widths = {}
    for url in (
        reverse("programs:round", args=[slug]),
        reverse("projects:round_ideas", args=[slug]),
    ):
        phone.goto(live_server.url + url)
        widths[url] = phone.evaluate("document.documentElement.scrollWidth")
    assert widths == dict.fromkeys(widths, PHONE["width"])
    # On the list each idea reads as a card: the column's name stands before its value.
    expect(phone.locator("td[data-label=Size]")).to_have_text("350 hours")
    expect(phone.get_by_role("columnheader", name="Size")).not_to_be_in_viewport()
