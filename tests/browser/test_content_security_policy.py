"""The Content-Security-Policy blocks nothing the site itself does: the idea form's live wiki
preview (htmx) and the time-zone script run, and the browser reports no violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from programs.models import Membership
from programs.timeline import Phase
from tests.factories import MembershipFactory, ParticipationFactory, RoundFactory, UserFactory


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_idea_form_works_under_the_policy_without_a_violation(live_server, page_as):
    participation = ParticipationFactory(round=RoundFactory(phase=Phase.IDEA_PROPOSALS))
    mentor = UserFactory(display_name="Mira Mentor")
    MembershipFactory(participation=participation, user=mentor, role=Membership.Role.MENTOR)
    page = page_as(mentor)
    violations = []
    page.on("console", lambda message: violations.append(message.text))

    page.goto(live_server.url + reverse("account_signup"))  # the time-zone script runs here
    page.goto(
        live_server.url
        + reverse(
            "projects:idea_create",
            args=[participation.round.slug, participation.organization.slug],
        )
    )
    assert "script-src 'self'" in page.evaluate(
        "async () => (await fetch(location.href)).headers.get('content-security-policy')"
    )
    page.get_by_label("Title").fill("Live migration of block jobs")
    expect(page.locator("#wiki-preview")).to_contain_text("=== Live migration of block jobs ===")

    assert [text for text in violations if "Content Security Policy" in text] == []
