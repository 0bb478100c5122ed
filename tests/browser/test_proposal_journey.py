"""An applicant applies to an idea from its page, writes the proposal with its weekly
schedule (autosaved as they type, under the site's Content-Security-Policy), sees the
deadline in their zone, submits it and sees "Submitted on"; after the deadline the same form
refuses an edit, names the deadline and keeps the text."""

import re
from datetime import timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from applications.models import Proposal
from tests.factories import (
    ApplicationFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProjectIdeaFactory,
    RoundFactory,
    UserFactory,
)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_applicant_writes_submits_and_is_refused_after_the_deadline(live_server, page_as):
    round_ = RoundFactory()
    qemu = ParticipationFactory(
        round=round_, organization=OrganizationFactory(name="QEMU", slug="qemu")
    )
    idea = ProjectIdeaFactory(participation=qemu, title="Disk backup tool")
    ana = UserFactory(display_name="Ana Applicant", timezone="Asia/Kolkata")
    ApplicationFactory(applicant=ana, round=round_)
    page = page_as(ana)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)

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

    with time_machine.travel(round_.applications_close + timedelta(seconds=1)):
        page.get_by_label("Implementation outline").fill("A late change.")
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".errors")).to_contain_text("The deadline was")
        expect(page.locator(".errors")).to_contain_text("IST")
        expect(page.get_by_label("Implementation outline")).to_have_value("A late change.")
    assert violations == []
