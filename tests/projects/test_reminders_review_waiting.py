"""Org admins: an idea waiting two days for their verdict. Only those who may review it (not
its mentors) and have not given a verdict on its current revision are reminded, once per
revision, with the date of submission in their own zone."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from notifications.models import Message, NotificationPreference
from programs.models import Membership, Participation
from projects.models import IdeaMentor, IdeaReview, ProjectIdea
from projects.reminders import idea_review_waiting
from tests.factories import UserFactory
from tests.projects.authoring import idea_in
from tests.projects.reminders_world import (
    APPLICATIONS_CLOSE,
    SECOND,
    accepted_organization,
    at,
    member,
    org_admin,
    swept,
)

pytestmark = pytest.mark.django_db

KIND = "idea_review_waiting"
SUBMITTED = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
DUE = SUBMITTED + timedelta(days=2)


@pytest.fixture
def qemu(program):
    return accepted_organization(program)


@pytest.fixture
def mira(qemu):
    return member(qemu, "mira@example.org", "Europe/Berlin")


def waiting(participation, *mentors, revision: int = 1, submitted_at=SUBMITTED, **fields):
    return idea_in(
        participation,
        *mentors,
        status=ProjectIdea.Status.SUBMITTED,
        revision=revision,
        submitted_at=submitted_at,
        **fields,
    )


def recipients_at(moment):
    with at(moment):
        return sorted(due.recipient.email for due in idea_review_waiting(moment))


@pytest.mark.parametrize(
    ("zone", "named"),
    [
        ("Europe/Berlin", "on Wed 10 Mar 2027, 10:00 CET (Europe/Berlin)"),
        ("Asia/Kolkata", "on Wed 10 Mar 2027, 14:30 IST (Asia/Kolkata)"),
    ],
)
def test_it_is_due_two_days_after_submission_and_not_one_second_before(
    qemu, mira, django_capture_on_commit_callbacks, zone, named
):
    olga = org_admin(qemu, "olga@example.org", zone)
    waiting(qemu, mira, title="Disk backup tool")

    with django_capture_on_commit_callbacks(execute=True):
        before = swept(DUE - SECOND, KIND)
    with django_capture_on_commit_callbacks(execute=True):
        (message,) = swept(DUE, KIND)

    assert before == []
    assert (message.recipient, message.due_at) == (olga, DUE)
    assert message.subject == (
        "[Internships] Disk backup tool has waited two days for your review (QEMU & friends)"
    )
    assert "an idea of QEMU & friends in GSoC 2027 mentored by Mira" in message.text
    assert f"was submitted for review {named}" in message.text
    assert "It has 0 of the 1 approval it needs." in message.text
    assert "/rounds/gsoc-2027-qemu-friends/orgs/qemu-friends/ideas/disk-backup-tool/review/" in (
        message.text
    )
    assert [email.to for email in mail.outbox] == [["olga@example.org"]]


def test_the_idea_s_own_mentors_are_not_reminded_to_review_it(qemu, mira):
    olga = org_admin(qemu, "olga@example.org")
    otto = org_admin(qemu, "otto@example.org")
    waiting(qemu, mira, olga)

    assert recipients_at(DUE) == [otto.email]


def test_those_who_gave_a_verdict_on_this_revision_are_not_reminded(qemu, mira):
    Participation.objects.filter(pk=qemu.pk).update(idea_approvals_required=3)
    olga = org_admin(qemu, "olga@example.org")
    otto = org_admin(qemu, "otto@example.org")
    ugo = org_admin(qemu, "ugo@example.org")
    idea = waiting(qemu, mira, revision=2)
    IdeaReview.objects.create(idea=idea, reviewer=olga, revision=2, verdict="approve")
    # Otto approved the earlier revision only: his approval no longer counts, so he owes one.
    IdeaReview.objects.create(idea=idea, reviewer=otto, revision=1, verdict="approve")

    with at(DUE):
        dues = list(idea_review_waiting(DUE))

    assert sorted(due.recipient.email for due in dues) == [otto.email, ugo.email]
    assert all(due.context["approvals"] == 1 for due in dues)
    assert all(due.dedupe_key == "revision:2" for due in dues)


def test_only_active_org_admins_are_reminded(qemu, mira):
    olga = org_admin(qemu, "olga@example.org")
    gone = org_admin(qemu, "gone@example.org")
    Membership.objects.filter(user=gone).update(status=Membership.Status.WITHDRAWN)
    member(qemu, "max@example.org")  # a mentor, who does not review
    waiting(qemu, mira)

    assert recipients_at(DUE) == [olga.email]


def test_a_new_revision_waiting_again_earns_a_new_reminder(
    qemu, mira, django_capture_on_commit_callbacks
):
    org_admin(qemu, "olga@example.org")
    idea = waiting(qemu, mira)
    with django_capture_on_commit_callbacks(execute=True):
        first = swept(DUE, KIND)
        again = swept(DUE + timedelta(hours=1), KIND)
    resubmitted = SUBMITTED + timedelta(days=5)
    ProjectIdea.objects.filter(pk=idea.pk).update(revision=2, submitted_at=resubmitted)
    with django_capture_on_commit_callbacks(execute=True):
        second = swept(resubmitted + timedelta(days=2), KIND)

    assert (len(first), again, len(second)) == (1, [], 1)
    assert [m.dedupe_key for m in Message.objects.order_by("pk")] == ["revision:1", "revision:2"]
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "status",
    [ProjectIdea.Status.DRAFT, ProjectIdea.Status.APPROVED, ProjectIdea.Status.CHANGES_REQUESTED],
)
def test_ideas_not_waiting_for_review_are_not_reminded(qemu, mira, status):
    org_admin(qemu, "olga@example.org")
    idea_in(qemu, mira, status=status, submitted_at=SUBMITTED)

    assert recipients_at(DUE) == []


def test_nothing_is_due_once_the_application_deadline_has_passed(qemu, mira):
    org_admin(qemu, "olga@example.org")
    waiting(qemu, mira, submitted_at=APPLICATIONS_CLOSE - timedelta(days=1))

    assert recipients_at(APPLICATIONS_CLOSE - SECOND) == []  # due only one day after
    waiting(qemu, mira, submitted_at=APPLICATIONS_CLOSE - timedelta(days=3))
    assert len(recipients_at(APPLICATIONS_CLOSE - SECOND)) == 1
    assert recipients_at(APPLICATIONS_CLOSE) == []


def test_it_cannot_be_turned_off(qemu, mira):
    olga = org_admin(qemu, "olga@example.org")
    NotificationPreference.objects.create(user=olga, kind=KIND, enabled=False)
    waiting(qemu, mira)

    assert len(swept(DUE, KIND)) == 1


def test_it_makes_the_same_queries_for_2_and_12_ideas(qemu, mira, django_assert_num_queries):
    admins = [org_admin(qemu, f"admin{n}@example.org") for n in range(3)]

    def add_ideas(count: int) -> None:
        for _ in range(count):
            idea = waiting(qemu, mira)
            IdeaMentor.objects.create(idea=idea, user=UserFactory(), position=1)
            IdeaReview.objects.create(idea=idea, reviewer=admins[0], revision=1, verdict="approve")

    add_ideas(2)
    with at(DUE), django_assert_num_queries(4):
        assert len(list(idea_review_waiting(DUE))) == 2 * 2
    add_ideas(10)
    with at(DUE), django_assert_num_queries(4):
        dues = list(idea_review_waiting(DUE))
    assert len(dues) == 12 * 2
    with django_assert_num_queries(0):
        for due in dues:  # what the templates read is already loaded
            assert due.context["idea"].get_absolute_url()
            assert [mentor.name for mentor in due.context["mentors"]]
