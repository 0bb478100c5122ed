"""Notices of a review to the idea's mentors, enqueued by projects.services.reviews in the
verdict's own transaction: approved (once the organization's rule is met), sent back for
changes or rejected, with the reviewer's words. They leave after commit, once per change of
state, and cannot be turned off."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import transaction

from notifications.models import Message, NotificationPreference
from programs.models import Participation
from projects.models import ProjectIdea
from projects.services.ideas import idea_submit
from projects.services.reviews import approval_rule_set, idea_review
from tests.projects.authoring import idea_in
from tests.projects.reminders_world import (
    IDEAS_DATE,
    accepted_organization,
    at,
    member,
    org_admin,
)

pytestmark = pytest.mark.django_db

REVIEWED = datetime(2027, 3, 3, 9, 0, tzinfo=UTC)  # before the round's ideas date


@pytest.fixture
def qemu(program):
    return accepted_organization(program)


@pytest.fixture
def olga(qemu):
    return org_admin(qemu, "olga@example.org")


@pytest.fixture
def mira(qemu):
    return member(qemu, "mira@example.org", "Europe/Berlin")


@pytest.fixture
def kiran(qemu):
    return member(qemu, "kiran@example.org", "Asia/Kolkata")


@pytest.fixture
def waiting(qemu, mira, kiran):
    return idea_in(
        qemu, mira, kiran, status=ProjectIdea.Status.SUBMITTED, revision=1, title="Disk backup"
    )


def review(idea, reviewer, verdict, comment="", *, when=REVIEWED, capture):
    with capture(execute=True), at(when):
        return idea_review(idea=idea, reviewer=reviewer, verdict=verdict, comment=comment)


def test_asking_for_changes_tells_every_mentor_once_with_the_comment_in_their_zone(
    waiting, olga, mira, kiran, django_capture_on_commit_callbacks
):
    review(
        waiting,
        olga,
        "changes",
        "Split it into two ideas.\nKeep the backup part.",
        capture=django_capture_on_commit_callbacks,
    )

    assert sorted(email.to[0] for email in mail.outbox) == [kiran.email, mira.email]
    by_person = {m.recipient: m for m in Message.objects.all()}
    assert set(by_person) == {mira, kiran}
    assert all(m.kind == "idea_changes_requested" for m in by_person.values())
    assert by_person[mira].subject == (
        "[Internships] Changes requested: Disk backup (QEMU & friends)"
    )
    assert (
        "Olga asked for changes to Disk backup, your idea for QEMU & friends in GSoC 2027, "
        "on Wed 03 Mar 2027, 10:00 CET (Europe/Berlin):"
    ) in by_person[mira].text
    assert "on Wed 03 Mar 2027, 14:30 IST (Asia/Kolkata):" in by_person[kiran].text
    assert "Split it into two ideas.\nKeep the backup part." in by_person[mira].text
    assert "Split it into two ideas.<br>Keep the backup part." in by_person[mira].html
    assert "/ideas/disk-backup/edit/" in by_person[mira].text
    assert (
        "Ideas can be submitted until Mon 29 Mar 2027, 20:00 CEST (Europe/Berlin); those "
        "approved by Mon 08 Mar 2027, 19:00 CET (Europe/Berlin) are published then."
    ) in by_person[mira].text


def test_rejecting_tells_every_mentor_why(
    waiting, olga, mira, kiran, django_capture_on_commit_callbacks
):
    review(waiting, olga, "reject", "Out of scope.", capture=django_capture_on_commit_callbacks)

    notice = Message.objects.get(recipient=mira)
    assert notice.kind == "idea_rejected"
    assert notice.subject == "[Internships] Not approved: Disk backup (QEMU & friends)"
    assert "Olga rejected Disk backup" in notice.text
    assert "Out of scope." in notice.text
    assert sorted(email.to[0] for email in mail.outbox) == [kiran.email, mira.email]


def test_an_approval_short_of_the_rule_tells_nobody_and_the_one_that_meets_it_tells_once(
    qemu, waiting, olga, mira, django_capture_on_commit_callbacks
):
    Participation.objects.filter(pk=qemu.pk).update(idea_approvals_required=2)
    otto = org_admin(qemu, "otto@example.org")

    review(waiting, olga, "approve", capture=django_capture_on_commit_callbacks)
    assert mail.outbox == []
    later = REVIEWED + timedelta(hours=3)
    review(
        waiting,
        otto,
        "approve",
        "Nice and incremental.",
        when=later,
        capture=django_capture_on_commit_callbacks,
    )

    assert len(mail.outbox) == 2
    notice = Message.objects.get(recipient=mira)
    assert (notice.kind, notice.due_at, notice.dedupe_key) == ("idea_approved", later, "revision:1")
    assert notice.subject == "[Internships] Approved: Disk backup (QEMU & friends)"
    assert "was approved on Wed 03 Mar 2027, 13:00 CET (Europe/Berlin)." in notice.text
    assert "Approved by Olga, Otto." in notice.text
    assert "Otto wrote:\nNice and incremental." in notice.text
    assert "Applicants will see it from Mon 08 Mar 2027, 19:00 CET (Europe/Berlin)." in (
        notice.text
    )


def test_an_idea_approved_after_the_ideas_date_is_public_at_once(
    waiting, olga, mira, django_capture_on_commit_callbacks
):
    review(
        waiting,
        olga,
        "approve",
        when=IDEAS_DATE + timedelta(days=1),
        capture=django_capture_on_commit_callbacks,
    )

    notice = Message.objects.get(recipient=mira)
    assert "It is public now: applicants can read it and ask you questions under it." in (
        notice.text
    )


def test_each_change_of_state_sends_its_own_notice(
    waiting, olga, mira, django_capture_on_commit_callbacks
):
    review(waiting, olga, "changes", "Add a schedule.", capture=django_capture_on_commit_callbacks)
    with at(REVIEWED + timedelta(days=1)):
        idea_submit(idea=waiting, by=mira)
    review(
        waiting,
        olga,
        "changes",
        "Now shorten it.",
        when=REVIEWED + timedelta(days=2),
        capture=django_capture_on_commit_callbacks,
    )

    notices = Message.objects.filter(recipient=mira).order_by("due_at")
    assert [(n.kind, n.dedupe_key) for n in notices] == [
        ("idea_changes_requested", "revision:1"),
        ("idea_changes_requested", "revision:2"),
    ]
    assert "Now shorten it." in notices[1].text
    assert len(mail.outbox) == 4


def test_a_verdict_that_rolls_back_sends_nothing(waiting, olga, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        idea_review(idea=waiting, reviewer=olga, verdict="reject", comment="No.")
        raise RuntimeError("something later in the request failed")

    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_a_notice_of_a_verdict_cannot_be_turned_off(
    waiting, olga, mira, django_capture_on_commit_callbacks
):
    for kind in ("idea_approved", "idea_changes_requested", "idea_rejected"):
        NotificationPreference.objects.create(user=mira, kind=kind, enabled=False)

    review(waiting, olga, "changes", "Add a schedule.", capture=django_capture_on_commit_callbacks)

    assert Message.objects.filter(recipient=mira).count() == 1


def test_an_idea_approved_because_the_rule_was_lowered_tells_its_mentors_once(
    qemu, waiting, olga, mira, kiran, django_capture_on_commit_callbacks
):
    Participation.objects.filter(pk=qemu.pk).update(idea_approvals_required=2)
    review(waiting, olga, "approve", capture=django_capture_on_commit_callbacks)
    assert mail.outbox == []

    qemu.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True), at(REVIEWED + timedelta(hours=1)):
        approval_rule_set(participation=qemu, by=olga, approvals_required=1, two_affiliations=False)

    assert sorted(email.to[0] for email in mail.outbox) == [kiran.email, mira.email]
    assert Message.objects.get(recipient=mira).kind == "idea_approved"
