"""A mentor writes an idea and submits it, an org admin approves it, and applicants find it
in the round's public list, filtered by its skill level, once the ideas date has come."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from programs.models import Membership, Round
from programs.timeline import Phase
from projects.models import ProjectIdea
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
    UserFactory,
)

TITLE = "Live migration of block jobs"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_approved_idea_is_listed_by_its_skill_level_once_the_ideas_date_has_come(
    live_server, new_context, page_as
):
    # Mentors propose ideas now; the ideas date is still ahead.
    round_ = RoundFactory(phase=Phase.IDEA_PROPOSALS)
    assert round_.ideas_published > timezone.now()
    qemu = ParticipationFactory(
        round=round_,
        organization=OrganizationFactory(name="QEMU", slug="qemu"),
        idea_approvals_required=1,
    )
    mentor = UserFactory(display_name="Mira Mentor")
    org_admin = UserFactory(display_name="Olga Orgadmin")
    MembershipFactory(participation=qemu, user=mentor, role=Membership.Role.MENTOR)
    MembershipFactory(participation=qemu, user=org_admin, role=Membership.Role.ORG_ADMIN)
    site = live_server.url
    org_args = [round_.slug, "qemu"]

    # The mentor fills the form; the wiki preview follows as they type.
    mentoring = page_as(mentor)
    mentoring.goto(site + reverse("projects:idea_create", args=org_args))
    mentoring.get_by_label("Title").fill(TITLE)
    preview = mentoring.locator("#wiki-preview")
    # Half typed, with required fields still empty, the preview already follows.
    expect(preview).to_contain_text(f"=== {TITLE} ===")
    mentoring.get_by_label("Summary").fill("Move running block jobs along with the guest.")
    mentoring.get_by_label("Description").fill("Block jobs stop at migration; make them **move**.")
    mentoring.get_by_label("Skill level").select_option("advanced")
    mentoring.get_by_label("Languages").fill("C")
    mentoring.get_by_label("Expected size in hours").fill("350")
    expect(preview).to_contain_text("Skill level: advanced")
    mentoring.get_by_role("button", name="Save as a draft").click()
    expect(mentoring.locator(".messages")).to_contain_text("is saved as a draft")

    mentoring.get_by_role("button", name="Submit for review").click()
    expect(mentoring.locator(".messages")).to_contain_text("is submitted")
    idea = ProjectIdea.objects.get(participation=qemu)
    assert (idea.title, idea.status) == (TITLE, ProjectIdea.Status.SUBMITTED)
    row_id = f"#idea-{idea.slug}"

    # The org admin reviews it against the checklist and approves.
    reviewing = page_as(org_admin)
    reviewing.goto(site + reverse("projects:review_queue", args=org_args))
    reviewing.get_by_role("row", name=TITLE).get_by_role("link", name="Review").click()
    for mark in ("Well-defined", "Self-contained", "Uncontroversial", "Incremental"):
        reviewing.get_by_label(mark).check()
    reviewing.get_by_label("Approve").check()
    reviewing.get_by_role("button", name="Give the verdict").click()
    expect(reviewing.locator(".messages")).to_contain_text("is approved; it will be published on")
    expect(reviewing.get_by_text("No idea waits for review.")).to_be_visible()

    # Before the ideas date nobody outside QEMU sees it: not in the list, not at its address.
    public = new_context().new_page()
    round_list = site + reverse("projects:round_ideas", args=[round_.slug])
    public.goto(round_list)
    expect(public.locator(".warning")).to_contain_text("are published")
    expect(public.get_by_text(TITLE)).to_have_count(0)
    assert public.goto(site + idea.get_absolute_url()).status == 404

    # The ideas date passes. Moving the round's date rather than the clock: time_machine would
    # patch time for the whole process, Playwright's driver and the live server's thread
    # included, mid-request; one row changed is all "the date has come" means here.
    Round.objects.filter(pk=round_.pk).update(ideas_published=timezone.now() - timedelta(minutes=1))

    # An applicant filters the round's list by skill level.
    public.goto(round_list)
    public.get_by_label("Skill level").select_option("advanced")
    public.get_by_role("button", name="Show ideas").click()
    expect(public).to_have_url(re.compile(r"[?&]skill_level=advanced(&|$)"))
    expect(public.locator(row_id)).to_be_visible()
    expect(public.locator(row_id)).to_contain_text("Advanced")

    public.get_by_label("Skill level").select_option("beginner")
    public.get_by_role("button", name="Show ideas").click()
    expect(public.get_by_text("No idea matches these filters.")).to_be_visible()
    expect(public.locator(row_id)).to_have_count(0)
