"""Mentors: their ideas still a draft, or sent back for changes, three days and one day before
the round's ideas date, in their own zone; the org admins copied on the one-day reminder."""

from datetime import timedelta
from itertools import count

import pytest

from notifications.models import Message
from notifications.sweep import sweep_once
from programs.models import Membership, Participation
from projects.models import ProjectIdea
from projects.reminders import idea_drafts_due
from tests.projects.authoring import idea_in
from tests.projects.reminders_world import (
    IDEAS_DATE,
    SECOND,
    accepted_organization,
    at,
    emails_of,
    member,
    org_admin,
    swept,
)

pytestmark = pytest.mark.django_db

KIND = "idea_drafts_due"
Status = ProjectIdea.Status
THREE_DAYS = IDEAS_DATE - timedelta(days=3)
ONE_DAY = IDEAS_DATE - timedelta(days=1)


@pytest.fixture
def qemu(program):
    return accepted_organization(program)


def dues_at(moment):
    with at(moment):
        return list(idea_drafts_due(moment))


@pytest.mark.parametrize(
    ("before", "zone", "named"),
    [
        (timedelta(days=3), "Europe/Berlin", "Mon 08 Mar 2027, 19:00 CET (Europe/Berlin)"),
        (timedelta(days=3), "America/Los_Angeles", "Mon 08 Mar 2027, 10:00 PST"),
        (timedelta(days=1), "Asia/Kolkata", "Mon 08 Mar 2027, 23:30 IST (Asia/Kolkata)"),
        (timedelta(days=1), "Europe/Berlin", "Mon 08 Mar 2027, 19:00 CET"),
    ],
)
def test_it_is_due_at_the_instant_and_not_one_second_before(
    qemu, django_capture_on_commit_callbacks, before, zone, named
):
    mira = member(qemu, "mira@example.org", zone)
    idea_in(qemu, mira, title="Disk backup tool")
    instant = IDEAS_DATE - before

    with django_capture_on_commit_callbacks(execute=True):
        earlier = swept(instant - SECOND, KIND)
    with django_capture_on_commit_callbacks(execute=True):
        created = swept(instant, KIND)

    (message,) = [m for m in created if m.due_at == instant]
    assert all(m.due_at != instant for m in earlier)
    assert message.recipient == mira
    assert f"The project ideas of GSoC 2027 are published on {named}" in message.text
    assert "these ideas of yours for QEMU & friends have not been submitted" in message.text
    assert "- Disk backup tool (draft)" in message.text
    assert "/rounds/gsoc-2027-qemu-friends/orgs/qemu-friends/ideas/mine/" in message.text
    (email,) = [email for email in emails_of(KIND) if email.subject == message.subject]
    assert email.to == ["mira@example.org"]


def test_a_sweep_that_first_runs_late_sends_the_one_day_reminder_only(qemu):
    idea_in(qemu, member(qemu, "mira@example.org"))

    (due,) = dues_at(IDEAS_DATE - timedelta(hours=20))

    assert due.due_at == ONE_DAY
    assert due.context["lead"].is_last
    assert dues_at(IDEAS_DATE) == []


def test_only_mentors_of_ideas_not_yet_submitted_are_reminded(qemu):
    mira = member(qemu, "mira@example.org")
    max_ = member(qemu, "max@example.org")
    idea_in(qemu, mira, title="Draft idea")
    idea_in(qemu, mira, status=Status.CHANGES_REQUESTED, title="Sent back")
    for status in (Status.SUBMITTED, Status.APPROVED, Status.REJECTED, Status.WITHDRAWN):
        idea_in(qemu, mira, max_, status=status)

    (due,) = dues_at(THREE_DAYS)

    assert due.recipient == mira
    assert [idea.title for idea in due.context["ideas"]] == ["Draft idea", "Sent back"]


def test_each_co_mentor_gets_one_message_listing_their_own_ideas(
    qemu, django_capture_on_commit_callbacks
):
    mira = member(qemu, "mira@example.org")
    max_ = member(qemu, "max@example.org")
    idea_in(qemu, mira, max_, title="Shared")
    idea_in(qemu, mira, title="Mira alone")

    with django_capture_on_commit_callbacks(execute=True):
        created = swept(THREE_DAYS, KIND)

    by_person = {m.recipient: m for m in created}
    assert set(by_person) == {mira, max_}
    assert "- Mira alone (draft)" in by_person[mira].text
    assert "Mira alone" not in by_person[max_].text
    assert by_person[mira].subject == (
        "[Internships] In three days: 2 of your ideas for QEMU & friends are not submitted "
        "for review"
    )
    assert len(emails_of(KIND)) == 2


def test_the_one_day_reminder_copies_the_org_admins_and_says_why(
    qemu, django_capture_on_commit_callbacks
):
    mira = member(qemu, "mira@example.org")
    olga = org_admin(qemu, "olga@example.org", "Europe/Berlin")
    idea_in(qemu, mira, title="Disk backup tool")

    assert [due.copy_to for due in dues_at(THREE_DAYS)] == [()]
    with django_capture_on_commit_callbacks(execute=True):
        created = swept(ONE_DAY, KIND)

    by_person = {m.recipient: m for m in created}
    assert set(by_person) == {mira, olga}
    copy = by_person[olga]
    assert "You are copied on this reminder to Mira" in copy.text
    assert "these ideas of Mira for QEMU & friends" in copy.text
    assert "Mon 08 Mar 2027, 19:00 CET (Europe/Berlin)" in copy.text
    assert copy.subject == (
        "[Internships] Tomorrow: 1 idea of Mira for QEMU & friends is not submitted for review"
    )
    assert "This is the last reminder." in by_person[mira].text
    assert copy.dedupe_key == f"copy-of:{mira.pk}"


def test_mentors_who_left_the_organization_are_not_reminded(qemu):
    mira = member(qemu, "mira@example.org")
    idea_in(qemu, mira)
    Membership.objects.filter(user=mira).update(status=Membership.Status.WITHDRAWN)

    assert dues_at(THREE_DAYS) == []


@pytest.mark.parametrize(
    "status",
    [Participation.Status.DRAFT, Participation.Status.REJECTED, Participation.Status.WITHDRAWN],
)
def test_an_organization_that_cannot_submit_ideas_is_not_reminded(qemu, status):
    idea_in(qemu, member(qemu, "mira@example.org"))
    Participation.objects.filter(pk=qemu.pk).update(status=status)

    assert dues_at(THREE_DAYS) == []


def test_run_twice_it_sends_each_reminder_and_copy_once(qemu, django_capture_on_commit_callbacks):
    idea_in(qemu, member(qemu, "mira@example.org"))
    org_admin(qemu, "olga@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        first = swept(ONE_DAY, KIND)
        second = swept(ONE_DAY + timedelta(minutes=5), KIND)

    assert (len(first), second) == (2, [])
    assert Message.objects.filter(kind=KIND, status=Message.Status.SENT).count() == 2
    assert sorted(email.to[0] for email in emails_of(KIND)) == [
        "mira@example.org",
        "olga@example.org",
    ]


# The three-day window's rows (none), the one-day window's rows, the org admins to copy.
QUERIES = 3


def test_it_makes_the_same_queries_for_2_and_12_ideas(qemu, django_assert_num_queries):
    org_admin(qemu, "olga@example.org")
    numbers = count(1)

    def add_ideas(how_many: int) -> None:
        for _ in range(how_many):
            idea_in(qemu, member(qemu, f"mentor{next(numbers)}@example.org"))

    add_ideas(2)
    with at(ONE_DAY), django_assert_num_queries(QUERIES):
        assert len(list(idea_drafts_due(ONE_DAY))) == 2
    add_ideas(10)
    with at(ONE_DAY), django_assert_num_queries(QUERIES):
        dues = list(idea_drafts_due(ONE_DAY))
    assert len(dues) == 12
    with django_assert_num_queries(0):
        for due in dues:  # what the templates read is already loaded
            assert [idea.get_absolute_url() for idea in due.context["ideas"]]
            assert [admin.name for admin in due.copy_to]


def test_a_mentor_owing_drafts_hears_of_the_ideas_date_once_not_also_as_a_follower(
    qemu, django_capture_on_commit_callbacks
):
    mira = member(qemu, "mira@example.org")
    olga = org_admin(qemu, "olga@example.org")
    kai = member(qemu, "kai@example.org")  # mentors here, owes no draft
    idea_in(qemu, mira, title="Disk backup tool")

    with django_capture_on_commit_callbacks(execute=True), at(ONE_DAY):
        sent = {(m.recipient.email, m.kind) for m in sweep_once(ONE_DAY)}

    assert (mira.email, KIND) in sent
    assert (mira.email, "round_deadline") not in sent
    assert (olga.email, KIND) in sent  # copied on the last reminder: the duty covers her too
    assert (olga.email, "round_deadline") not in sent
    assert (kai.email, "round_deadline") in sent
