"""Choosing an intern, end to end, with three people in three zones (#11): a mentor (Berlin)
scores a submitted proposal, says they will mentor it, flags it for an interview, publishes a
slot and invites the applicant; the applicant (Kolkata; the browser itself is in New York)
books the slot and sees its time in their own zone, named; the org admin (São Paulo) adds the
proposal to the ranking and selects it; after the round's results time the announcement makes
the internship, and the applicant's dashboard tells them they were accepted. Every page runs
under the site's Content-Security-Policy and none of them breaks it."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from evaluations.models import Internship
from evaluations.services.announcement import internships_for_announced_rounds
from people.dates import moment_text
from programs.models import Membership
from programs.timeline import Phase
from selection.models import Candidacy, Interview, MentorCommitment, Review
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProjectIdeaFactory,
    ProposalFactory,
    RoundFactory,
    UserFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_mentor_scores_and_interviews_an_applicant_whom_the_org_admin_selects(
    live_server, page_as
):
    round_ = RoundFactory(phase=Phase.REVIEW)
    qemu = ParticipationFactory(
        round=round_, organization=OrganizationFactory(name="QEMU", slug="qemu"), slots_granted=1
    )
    idea = ProjectIdeaFactory(participation=qemu, title="Disk backup tool")
    mentor = MembershipFactory(
        participation=qemu, user=UserFactory(display_name="Mo Mentor", timezone="Europe/Berlin")
    ).user
    admin = MembershipFactory(
        participation=qemu,
        role=Membership.Role.ORG_ADMIN,
        user=UserFactory(display_name="Olga Admin", timezone="America/Sao_Paulo"),
    ).user
    ana = UserFactory(display_name="Ana Applicant", timezone="Asia/Kolkata")
    proposal = ProposalFactory(
        application=ApplicationFactory(applicant=ana, round=round_),
        idea=idea,
        title="Incremental backups with dirty bitmaps",
        submitted=True,
        submitted_at=round_.applications_close - timedelta(days=1),
    )
    violations: list[str] = []

    def watched(page):
        page.on(
            "console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0
        )
        return page

    org = [round_.slug, "qemu"]

    # The mentor scores the proposal on its review page, then commits and flags it.
    mentor_page = watched(page_as(mentor))
    mentor_page.goto(live_server.url + reverse("selection:review", args=[*org, proposal.pk]))
    mentor_page.get_by_label("4", exact=True).check()
    mentor_page.get_by_label("Comment (private to the organization)").fill("A clear plan.")
    mentor_page.get_by_role("button", name="Save your review").click()
    expect(mentor_page.get_by_text("Your review is saved.")).to_be_visible()
    assert Review.objects.get(proposal=proposal, mentor=mentor).score == 4

    mentor_page.get_by_role("button", name="I will mentor this").click()
    withdraw = mentor_page.get_by_role("button", name="I will not mentor this after all")
    expect(withdraw).to_be_visible()
    assert MentorCommitment.objects.filter(proposal=proposal, mentor=mentor).exists()
    mentor_page.get_by_role("button", name="Flag for an interview").click()
    expect(mentor_page.get_by_text("The applicant is flagged for an interview.")).to_be_visible()

    # A slot the day after tomorrow at 10:00 in Berlin, typed in the mentor's zone.
    day = timezone.localtime(timezone.now(), BERLIN).date() + timedelta(days=2)
    starts_at = datetime.combine(day, time(10, 0), tzinfo=BERLIN)
    mentor_page.goto(live_server.url + reverse("selection:interview_slots", args=org))
    mentor_page.get_by_label("First slot starts").fill(f"{day.isoformat()}T10:00")
    mentor_page.get_by_label("Where").fill("https://meet.example.org/qemu-interviews")
    mentor_page.get_by_role("button", name="Publish", exact=True).click()
    expect(mentor_page.get_by_text("1 slot(s) published.")).to_be_visible()
    mentor_page.get_by_label("A word to the applicant (optional)").fill("Let us talk it over.")
    mentor_page.get_by_role("button", name="Invite").click()
    expect(mentor_page.get_by_text("Invited by you")).to_be_visible()
    mentor_page.context.close()

    # The applicant follows the dashboard's link, books the slot, and sees it in IST.
    page = watched(page_as(ana))
    page.goto(live_server.url + reverse("applications:dashboard", args=[round_.slug]))
    page.get_by_role("link", name="Your interviews").click()
    expect(page.get_by_text("Times are shown in your time zone, Asia/Kolkata.")).to_be_visible()
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_text("Your interview with Mo Mentor is booked")).to_be_visible()
    in_kolkata = moment_text(starts_at, KOLKATA)  # 10:00 in Berlin is 14:30 or 15:30 IST
    assert in_kolkata.endswith(" IST") and "10:00" not in in_kolkata
    booked = page.locator("section[aria-labelledby=bookings]")
    expect(booked).to_contain_text(in_kolkata)
    expect(booked).to_contain_text("with Mo Mentor (QEMU)")
    interview = Interview.objects.get()
    assert (interview.applicant, interview.starts_at) == (ana, starts_at)

    # The org admin ranks the proposal, then selects it.
    admin_page = watched(page_as(admin))
    admin_page.goto(live_server.url + reverse("selection:ranking", args=org))
    admin_page.get_by_role("button", name=re.compile(r"^Add .* at the end of the ranking$")).click()
    expect(admin_page.locator("tr[data-rank='1']")).to_contain_text(proposal.title)
    admin_page.goto(live_server.url + reverse("selection:selection", args=org))
    admin_page.get_by_role("button", name=f"Select “{proposal.title}”").click()
    expect(admin_page.get_by_text(f"“{proposal.title}” is selected.")).to_be_visible()
    expect(admin_page.get_by_text("1 of 1 slot granted used")).to_be_visible()
    admin_page.context.close()
    assert Candidacy.objects.get(proposal=proposal).is_selected

    # Before the results time the applicant learns nothing of it.
    page.goto(live_server.url + reverse("applications:dashboard", args=[round_.slug]))
    expect(page.get_by_role("heading", name="Interviews", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Results", exact=True)).to_have_count(0)
    page.context.close()

    # The live server runs in this process, so the time machine moves its clock too.
    with time_machine.travel(round_.results_announced + timedelta(seconds=1)):
        made = internships_for_announced_rounds(timezone.now())
        internship = Internship.objects.get(proposal=proposal)
        assert made == [internship]
        assert (internship.intern, internship.participation, internship.idea) == (ana, qemu, idea)
        assert list(internship.mentors.all()) == [mentor]

        # A fresh sign-in: two weeks on, the first session may have lapsed.
        page = watched(page_as(ana))
        page.goto(live_server.url + reverse("applications:dashboard", args=[round_.slug]))
        results = page.locator("section[aria-labelledby=results]")
        expect(results).to_contain_text("Accepted")
        expect(results).to_contain_text("Congratulations: QEMU chose your proposal.")
        expect(results).to_contain_text(proposal.title)

        # The journey ends on the intern's page, linked from the results box.
        internship_url = reverse("evaluations:internship", args=[round_.slug, internship.pk])
        results.get_by_role("link", name="Your internship").click()
        expect(page).to_have_url(live_server.url + internship_url)
        expect(page.get_by_text(internship.project_title).first).to_be_visible()
    assert violations == []
