"""Applicants with a draft proposal: reminded three days and one day before the application
deadline, at the instant and not a second before, in their own zone, exactly once; never
about a proposal they submitted or withdrew."""

from datetime import timedelta

import pytest

from applications.models import Application
from applications.reminders import proposal_drafts_due
from applications.services.proposals import (
    proposal_save,
    proposal_start,
    proposal_submit,
    proposal_withdraw,
)
from notifications.models import Message
from tests.applications.proposal_world import content
from tests.factories import ApplicationFactory, ProjectIdeaFactory
from tests.projects.reminders_world import (
    APPLICATIONS_CLOSE,
    SECOND,
    accepted_organization,
    at,
    emails_of,
    person,
    swept,
)

pytestmark = pytest.mark.django_db

KIND = "proposal_drafts_due"
THREE_DAYS = APPLICATIONS_CLOSE - timedelta(days=3)
ONE_DAY = APPLICATIONS_CLOSE - timedelta(days=1)


@pytest.fixture
def qemu(program):
    return accepted_organization(program)


def draft_of(qemu, applicant, title="Disk backup tool"):
    """A draft by `applicant` to a new published idea of `qemu`, written during the
    application period."""
    with at(APPLICATIONS_CLOSE - timedelta(days=10)):
        application = Application.objects.filter(applicant=applicant, round=qemu.round).first()
        application = application or ApplicationFactory(applicant=applicant, round=qemu.round)
        idea = ProjectIdeaFactory(participation=qemu, title=title)
        return proposal_start(applicant=application.applicant, idea=idea)


def dues_at(moment):
    with at(moment):
        return list(proposal_drafts_due(moment))


@pytest.mark.parametrize(
    ("before", "zone", "named"),
    [
        (timedelta(days=3), "Europe/Berlin", "Mon 29 Mar 2027, 20:00 CEST (Europe/Berlin)"),
        (timedelta(days=3), "America/Los_Angeles", "Mon 29 Mar 2027, 11:00 PDT"),
        (timedelta(days=1), "Asia/Kolkata", "Mon 29 Mar 2027, 23:30 IST (Asia/Kolkata)"),
        (timedelta(days=1), "Europe/Berlin", "Mon 29 Mar 2027, 20:00 CEST"),
    ],
)
def test_it_is_due_at_the_instant_and_not_one_second_before(
    qemu, django_capture_on_commit_callbacks, before, zone, named
):
    ana = person("ana@example.org", zone)
    draft_of(qemu, ana)
    instant = APPLICATIONS_CLOSE - before

    with django_capture_on_commit_callbacks(execute=True):
        earlier = swept(instant - SECOND, KIND)
    with django_capture_on_commit_callbacks(execute=True):
        created = swept(instant, KIND)

    assert all(m.due_at != instant for m in earlier)
    (message,) = [m for m in created if m.due_at == instant]
    assert message.recipient == ana
    assert f"The application deadline of GSoC 2027 is {named}" in message.text
    assert "- Disk backup tool (to Disk backup tool, QEMU & friends)" in message.text
    assert "/rounds/gsoc-2027-qemu-friends/application/proposals/" in message.text
    (email,) = [email for email in emails_of(KIND) if email.subject == message.subject]
    assert email.to == ["ana@example.org"]


def test_each_reminder_is_sent_exactly_once(qemu, django_capture_on_commit_callbacks):
    draft_of(qemu, person("ana@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        swept(THREE_DAYS, KIND)
        swept(THREE_DAYS + timedelta(minutes=5), KIND)
        swept(ONE_DAY, KIND)
        swept(ONE_DAY + timedelta(minutes=5), KIND)

    assert sorted(Message.objects.filter(kind=KIND).values_list("due_at", flat=True)) == [
        THREE_DAYS,
        ONE_DAY,
    ]
    assert len(emails_of(KIND)) == 2


def test_a_sweep_that_first_runs_late_sends_the_one_day_reminder_only(qemu):
    draft_of(qemu, person("ana@example.org"))

    (due,) = dues_at(APPLICATIONS_CLOSE - timedelta(hours=20))

    assert due.due_at == ONE_DAY
    assert due.context["lead"].is_last
    assert dues_at(APPLICATIONS_CLOSE) == []


def test_submitted_and_withdrawn_proposals_are_never_reminded(qemu):
    ana = person("ana@example.org")
    kept = draft_of(qemu, ana, title="Still a draft")
    sent = draft_of(qemu, ana, title="Submitted one")
    gone = draft_of(qemu, ana, title="Withdrawn one")

    with at(APPLICATIONS_CLOSE - timedelta(days=5)):
        proposal_save(proposal=sent, by=ana, content=content(title="Submitted one"))
        proposal_submit(proposal=sent, by=ana)
        proposal_withdraw(proposal=gone, by=ana)

    (due,) = dues_at(THREE_DAYS)

    assert [row[0] for row in due.context["rows"]] == [kept]


def test_an_applicant_who_submitted_everything_is_not_reminded(qemu):
    ana = person("ana@example.org")
    sent = draft_of(qemu, ana)

    with at(APPLICATIONS_CLOSE - timedelta(days=5)):
        proposal_save(proposal=sent, by=ana, content=content())
        proposal_submit(proposal=sent, by=ana)

    assert dues_at(THREE_DAYS) == []
    assert dues_at(ONE_DAY) == []


def test_each_applicant_gets_one_message_listing_their_own_drafts(qemu):
    ana, bo = person("ana@example.org"), person("bo@example.org")
    draft_of(qemu, ana, title="Ana one")
    draft_of(qemu, ana, title="Ana two")
    draft_of(qemu, bo, title="Bo one")

    dues = {due.recipient: due for due in dues_at(ONE_DAY)}

    assert set(dues) == {ana, bo}
    assert [p.title for p, _ in dues[ana].context["rows"]] == ["Ana one", "Ana two"]
    assert [p.title for p, _ in dues[bo].context["rows"]] == ["Bo one"]


def test_the_subject_says_when_and_how_many(qemu, django_capture_on_commit_callbacks):
    ana = person("ana@example.org")
    draft_of(qemu, ana, title="One")
    draft_of(qemu, ana, title="Two")

    with django_capture_on_commit_callbacks(execute=True):
        (message,) = swept(ONE_DAY, KIND)

    assert message.subject == (
        "[Internships] Tomorrow: 2 of your proposals to GSoC 2027 are not submitted"
    )
    assert "This is the last reminder." in message.text


def test_an_ineligible_applicant_is_not_reminded(qemu):
    draft = draft_of(qemu, person("ana@example.org"))
    draft.application.ineligible_reason = "Not a student."
    draft.application.marked_ineligible_at = THREE_DAYS
    draft.application.save()

    assert dues_at(THREE_DAYS) == []


def test_the_reminder_costs_one_query_per_lead_however_many_drafts(qemu, django_assert_num_queries):
    for number in range(5):
        draft_of(qemu, person(f"person{number}@example.org"), title=f"Idea {number}")

    with at(THREE_DAYS), django_assert_num_queries(2):
        assert len(list(proposal_drafts_due(THREE_DAYS))) == 5
