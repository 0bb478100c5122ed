"""The reminders of project ideas in the sweep: found by the registry, each kind with its
templates and the right to turn it off or not, and every one of them sent once however often
the sweep runs."""

from datetime import timedelta

import pytest
from django.core import mail

from notifications import registry
from notifications.models import Message
from notifications.sweep import sweep_once
from projects.models import IdeaComment, ProjectIdea
from tests.projects.authoring import idea_in
from tests.projects.reminders_world import (
    IDEAS_DATE,
    accepted_organization,
    at,
    emails_of,
    member,
    org_admin,
    person,
)

pytestmark = pytest.mark.django_db

# The day before the ideas date: a draft is due its last reminder, and the rows below make
# every other reminder of ideas due too.
NOW = IDEAS_DATE - timedelta(days=1)
REMINDERS = ("idea_review_waiting", "idea_drafts_due", "idea_question", "idea_custom_proposed")


def ideas_reminders(moment) -> list[Message]:
    """The messages of the ideas' reminders one sweep at `moment` creates."""
    with at(moment):
        return [message for message in sweep_once(moment) if message.kind in REMINDERS]


def test_the_registry_found_the_reminders_of_project_ideas():
    assert {f"projects.reminders.{name}" for name in REMINDERS} <= set(registry.reminders())


def test_only_questions_and_custom_ideas_can_be_turned_off():
    kinds = registry.kinds()
    optional = {name for name, kind in kinds.items() if name.startswith("idea_") and kind.optional}
    duties = {name for name, kind in kinds.items() if name.startswith("idea_")} - optional
    assert optional == {"idea_question", "idea_custom_proposed"}
    assert duties == {
        "idea_review_waiting",
        "idea_drafts_due",
        "idea_approved",
        "idea_changes_requested",
        "idea_rejected",
    }


def test_run_twice_the_sweep_sends_each_reminder_of_ideas_once(
    program, django_capture_on_commit_callbacks
):
    qemu = accepted_organization(program)
    mira = member(qemu, "mira@example.org", "Europe/Berlin")
    olga = org_admin(qemu, "olga@example.org", "Asia/Kolkata")
    ana = person("ana@example.org")
    idea_in(qemu, mira, title="A draft")
    idea_in(
        qemu,
        mira,
        status=ProjectIdea.Status.SUBMITTED,
        submitted_at=NOW - timedelta(days=2),
        title="Waiting",
    )
    public = idea_in(qemu, mira, status=ProjectIdea.Status.APPROVED, title="Public")
    with at(NOW - timedelta(hours=1)):
        IdeaComment.objects.create(
            idea=public, author=ana, body="Which version?", visibility="public"
        )
        idea_in(qemu, status=ProjectIdea.Status.PROPOSED, proposed_by=ana, title="Ana idea")

    with django_capture_on_commit_callbacks(execute=True):
        first = ideas_reminders(NOW)
    with django_capture_on_commit_callbacks(execute=True):
        second = ideas_reminders(NOW + timedelta(minutes=5))

    assert second == []
    assert sorted((m.kind, m.recipient.email) for m in first) == [
        ("idea_custom_proposed", "mira@example.org"),
        ("idea_custom_proposed", "olga@example.org"),
        ("idea_drafts_due", "mira@example.org"),
        ("idea_drafts_due", "olga@example.org"),  # copied on the last reminder
        ("idea_question", "mira@example.org"),
        ("idea_review_waiting", "olga@example.org"),
    ]
    assert Message.objects.filter(kind__in=REMINDERS, status=Message.Status.SENT).count() == 6
    assert sum(len(emails_of(kind)) for kind in REMINDERS) == 6
    assert {email.to[0] for email in mail.outbox} >= {mira.email, olga.email}
