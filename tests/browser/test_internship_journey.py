"""An internship, end to end, in the browser (#12): the intern (Lagos) logs week 1's meeting
and the mentor (Berlin) confirms it; in the midterm window both submit their evaluation; the
program admin sees the midterm passed on the round's dashboard; after the final both submit
again and the settle sweep completes the internship; the program admin approves its
payments and exports them; anyone verifies the certificate at its public address, which
shows the name, program, round, organization and project, and not the intern's email.

The evaluation forms are found by their fields' names (the model's), so the test does not
hang on their wording. The live server runs in this process, so the time machine moves its
clock too.
"""

import csv
import io
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from evaluations.models import Certificate, Evaluation, Internship, Payment, PaymentExport
from evaluations.tasks import internships_settle
from programs.models import Membership
from programs.timeline import Phase
from tests.factories import (
    InternshipFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
    UserFactory,
)

LAGOS = ZoneInfo("Africa/Lagos")
TITLE = "Incremental backups with dirty bitmaps"


def settle_sweep() -> None:
    """The settle sweep, run once as beat runs it every five minutes."""
    internships_settle()


def choose(page, name: str, value: str) -> None:
    """Pick `value` for the field `name`, whether the form shows radio buttons or a select."""
    field = page.locator(f"[name={name}]").first
    if field.evaluate("e => e.tagName") == "SELECT":
        field.select_option(value)
    else:
        page.locator(f"input[name={name}][value={value}]").check()


def submit_form_holding(page, field: str) -> None:
    page.locator(f"form:has([name={field}])").locator("[type=submit]").first.click()
    page.wait_for_load_state()


def evaluate_as_mentor(page, url: str) -> None:
    page.goto(url)
    choose(page, "result", "pass")
    page.locator("[name=progress]").fill("Half the schedule is merged upstream.")
    page.locator("[name=communication]").fill("A status mail every week.")
    page.locator("[name=code]").fill("Clean series with tests.")
    choose(page, "action", "pay")
    submit_form_holding(page, "progress")


def evaluate_as_intern(page, url: str, *, work_url: str = "") -> None:
    page.goto(url)
    page.locator("[name=about_mentors]").fill("Reviews within a day, with reasons.")
    page.locator("[name=about_organization]").fill("Friendly list, quick answers.")
    if work_url:
        page.locator("[name=work_url]").fill(work_url)
    submit_form_holding(page, "about_mentors")


def submitted(internship: Internship, phase: str, side: str) -> bool:
    return Evaluation.objects.filter(internship=internship, phase=phase, side=side).exists()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_internship_goes_from_its_first_meeting_to_a_verified_certificate(
    live_server, page_as, new_context
):
    round_ = RoundFactory(phase=Phase.CODING, name="Google Summer of Code 2031")
    qemu = ParticipationFactory(
        round=round_, organization=OrganizationFactory(name="QEMU", slug="qemu"), slots_granted=1
    )
    mentor = MembershipFactory(
        participation=qemu, user=UserFactory(display_name="Mo Mentor", timezone="Europe/Berlin")
    ).user
    MembershipFactory(participation=qemu, role=Membership.Role.ORG_ADMIN)
    intern = UserFactory(
        display_name="Ines Intern", email="ines@example.org", timezone="Africa/Lagos"
    )
    admin = UserFactory(display_name="Paula Program", is_program_admin=True, timezone="UTC")
    # The round's own dates: coding started three weeks ago, so week 1 is over.
    internship = InternshipFactory(participation=qemu, intern=intern, project_title=TITLE)
    internship.mentors.set([mentor])
    args = [round_.slug, internship.pk]
    violations: list[str] = []

    def signed_in(user):
        page = page_as(user)
        page.on(
            "console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0
        )
        return page

    def url(name: str, *extra) -> str:
        return live_server.url + reverse(f"evaluations:{name}", args=[*args, *extra])

    # Week 1: the intern logs the meeting, the mentor confirms it.
    page = signed_in(intern)
    page.goto(url("meeting") + "?week=1")
    # Typed in the intern's own zone, as the form says.
    held = timezone.localtime(internship.starts_at + timedelta(days=2), LAGOS)
    page.get_by_label("When it happened").fill(held.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Who attended").fill("Ines and Mo")
    page.locator("[name=progress]").fill("The backup job runs end to end.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Week 1's meeting is logged")).to_be_visible()
    page.context.close()
    mentor_page = signed_in(mentor)
    mentor_page.goto(url("meeting") + "?week=1")
    mentor_page.get_by_role("button", name="Confirm this log").click()
    expect(mentor_page.get_by_text("Week 1's meeting is confirmed.")).to_be_visible()
    mentor_page.context.close()
    assert internship.meetings.get(week=1).is_confirmed

    # The midterm window: both sides submit, and the dashboard shows it passed.
    with time_machine.travel(internship.midterm_opens + timedelta(hours=2)):
        page = signed_in(mentor)
        evaluate_as_mentor(page, url("evaluation", "midterm"))
        assert submitted(internship, "midterm", "mentor")
        page.context.close()
        page = signed_in(intern)
        evaluate_as_intern(page, url("evaluation", "midterm"))
        assert submitted(internship, "midterm", "intern")
        page.context.close()

        page = signed_in(admin)
        page.goto(live_server.url + reverse("evaluations:round_internships", args=[round_.slug]))
        row = page.get_by_role("row").filter(has_text="Ines Intern")
        expect(row).to_contain_text("QEMU")
        expect(row).to_contain_text("Passed")
        page.context.close()

    with time_machine.travel(internship.midterm_closes + timedelta(minutes=10)):
        settle_sweep()
    internship.refresh_from_db()
    assert internship.status == Internship.Status.MIDTERM_PASSED

    # The final window: both sides again, the intern with the link to the work.
    work = "https://gitlab.com/qemu-project/qemu/-/merge_requests?author=ines"
    with time_machine.travel(internship.final_opens + timedelta(hours=2)):
        page = signed_in(mentor)
        evaluate_as_mentor(page, url("evaluation", "final"))
        page.context.close()
        page = signed_in(intern)
        evaluate_as_intern(page, url("evaluation", "final"), work_url=work)
        page.context.close()
    assert Evaluation.objects.get(internship=internship, phase="final", side="intern").work_url == (
        work
    )

    with time_machine.travel(internship.final_closes + timedelta(minutes=10)):
        settle_sweep()
        internship.refresh_from_db()
        assert internship.status == Internship.Status.COMPLETED
        certificate = Certificate.objects.get(internship=internship)
        assert internship.payments.filter(milestone="final").exists()

        # The program admin approves every waiting payment of the round, then exports them.
        page = signed_in(admin)
        page.goto(live_server.url + reverse("evaluations:payments", args=[round_.slug]))
        # Start, midterm and final: all three waiting, chosen together, approved at once.
        boxes = page.get_by_role("checkbox", name=re.compile("Choose the payment of Ines Intern"))
        expect(boxes).to_have_count(3)
        for box in boxes.all():
            box.check()
        page.get_by_role("button", name="Approve the chosen payments").click()
        page.wait_for_load_state()
        assert not internship.payments.exclude(status=Payment.Status.APPROVED).exists()

        page.goto(live_server.url + reverse("evaluations:payment_exports", args=[round_.slug]))
        page.get_by_role("button", name=re.compile("export", re.IGNORECASE)).first.click()
        page.wait_for_load_state()
        export = PaymentExport.objects.get(round=round_)
        assert set(internship.payments.values_list("export", flat=True)) == {export.pk}
        download = page.request.get(
            live_server.url + reverse("evaluations:payment_export", args=[round_.slug, export.pk])
        )
        assert download.ok
        lines = list(csv.reader(io.StringIO(download.text())))
        mine = [line for line in lines if any("Ines Intern" in cell for cell in line)]
        assert len(mine) == internship.payments.count()
        page.context.close()

        # Anyone verifies the certificate: the listed fields, nothing else.
        anonymous = new_context().new_page()
        anonymous.goto(
            live_server.url + reverse("evaluations:certificate_verify", args=[certificate.code])
        )
        body = anonymous.locator("body")
        for shown in ("Ines Intern", round_.program.name, round_.name, "QEMU", TITLE):
            expect(body).to_contain_text(shown)
        expect(body).not_to_contain_text("ines@example.org")
        expect(body).not_to_contain_text("Mo Mentor")
        anonymous.context.close()

        # And the intern reaches the printable certificate.
        page = signed_in(intern)
        page.goto(url("certificate"))
        expect(page.locator("body")).to_contain_text("Ines Intern")
        page.context.close()
    assert violations == []
