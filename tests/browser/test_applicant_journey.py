"""An applicant's whole way to a submitted proposal, in a zone other than UTC: they fill in
the application, record a contribution to an organization with a contribution gate, a mentor
of that organization (a browser context of their own) confirms it, and the dashboard says
where the applicant stands; then they apply to an idea from its page, write the proposal with
its weekly schedule (autosaved as they type, under the site's Content-Security-Policy), see
the deadline in their zone, submit it and see "Submitted on"; after the deadline the same form
refuses an edit, names the deadline in their zone and keeps the text."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Application, Contribution, Proposal
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProjectIdeaFactory,
    RoundFactory,
    UserFactory,
)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_applicant_applies_contributes_submits_and_is_refused_after_the_deadline(
    live_server, page_as
):
    round_ = RoundFactory()
    qemu = ParticipationFactory(
        round=round_,
        organization=OrganizationFactory(name="QEMU", slug="qemu"),
        gate_contributions=1,
        gate_deadline=round_.applications_close,
    )
    idea = ProjectIdeaFactory(participation=qemu, title="Disk backup tool")
    mentor = MembershipFactory(participation=qemu, user=UserFactory(display_name="Mo Mentor")).user
    ana = UserFactory(display_name="Ana Applicant", timezone="Asia/Kolkata")
    page = page_as(ana)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)

    # The application: the eligibility answers, saved once before the first proposal.
    page.goto(live_server.url + reverse("applications:application_form", args=[round_.slug]))
    page.get_by_label("Hours a week you are free during the coding period").fill("30")
    page.get_by_role("button", name="Save your application").click()
    expect(page.get_by_text("Your application is saved.")).to_be_visible()
    assert Application.objects.get(applicant=ana).hours_per_week == 30

    # A contribution to QEMU, merged upstream today.
    page.get_by_role("link", name="Your contributions in this round").click()
    page.get_by_label("Organization").fill("QEMU")
    page.get_by_label("Link").fill("https://gitlab.com/qemu-project/qemu/-/merge_requests/1")
    page.get_by_label("What it does").fill("Fixes a leak in the block layer.")
    page.get_by_label("State upstream").select_option(Contribution.State.ACCEPTED)
    today = timezone.localtime(timezone.now(), timezone.get_fixed_timezone(330)).date()
    page.get_by_label("Accepted upstream on").fill(today.isoformat())
    page.get_by_role("button", name="Record it").click()
    contribution = Contribution.objects.get(applicant=ana)

    # A mentor of QEMU confirms it from their own browser context.
    mentor_page = page_as(mentor)
    mentor_page.goto(
        live_server.url
        + reverse("applications:contribution_review", args=[round_.slug, "qemu", contribution.pk])
    )
    mentor_page.get_by_role("button", name="Confirm").click()
    contribution.refresh_from_db()
    assert contribution.verdict == Contribution.Verdict.CONFIRMED
    mentor_page.context.close()

    page.goto(live_server.url + reverse("applications:dashboard", args=[round_.slug]))
    expect(page.get_by_text("1 of 1 accepted, confirmed by a mentor")).to_be_visible()

    # The proposal, from the idea's page.
    page.goto(live_server.url + idea.get_absolute_url())
    page.get_by_role("button", name="Apply to this idea").click()
    expect(page.get_by_text("Draft, not submitted")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Editable until .*IST"))).to_be_visible()

    page.get_by_label("Problem description").fill("Backups need the guest stopped.")
    page.get_by_label("Implementation outline").fill("Use dirty bitmaps.")
    page.get_by_label(re.compile(r"^Week 1, from")).fill("Read the block layer.")
    page.get_by_label(re.compile(r"^Week 1, from")).blur()
    expect(page.locator("#autosave-status")).to_contain_text("Saved at")
    proposal = Proposal.objects.get()
    assert proposal.weeks.get(number=1).deliverable == "Read the block layer."

    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text(re.compile(r"Submitted on .*IST"))).to_be_visible()

    # The live server runs in this process, so the time machine moves its clock too.
    with time_machine.travel(round_.applications_close + timedelta(seconds=1)):
        page.get_by_label("Implementation outline").fill("A late change.")
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".errors")).to_contain_text("The deadline was")
        expect(page.locator(".errors")).to_contain_text("IST")
        expect(page.get_by_label("Implementation outline")).to_have_value("A late change.")
    assert Proposal.objects.get().outline != "A late change."
    assert violations == []
