"""Org admins whose organization's application is still a draft: reminded three days and one
day before the round's organization application deadline, in their own zone."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from notifications.models import Message
from notifications.sweep import sweep_once
from programs.models import Membership, Participation
from programs.reminders import participation_draft_deadline
from tests.factories import MembershipFactory
from tests.notifications.conftest import ORG_DEADLINE, org_admin_of

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)


def due_at(moment):
    with time_machine.travel(moment, tick=False):
        return list(participation_draft_deadline(moment))


@pytest.mark.parametrize(
    ("before", "zone", "named"),
    [
        (timedelta(days=3), "Europe/Berlin", "Mon 15 Feb 2027, 19:00 CET (Europe/Berlin)"),
        (timedelta(days=3), "America/Los_Angeles", "Mon 15 Feb 2027, 10:00 PST"),
        (timedelta(days=1), "Asia/Kolkata", "Mon 15 Feb 2027, 23:30 IST (Asia/Kolkata)"),
        (timedelta(days=1), "Europe/Berlin", "Mon 15 Feb 2027, 19:00 CET"),
    ],
)
def test_it_is_due_at_the_instant_and_not_one_second_before(
    draft, django_capture_on_commit_callbacks, before, zone, named
):
    olga = org_admin_of(draft, "olga@example.org", zone)
    instant = ORG_DEADLINE - before
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(instant - SECOND, tick=False),
    ):
        created_before = sweep_once(instant - SECOND)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(instant, tick=False):
        created = sweep_once(instant)

    (message,) = [m for m in created if m.due_at == instant]
    assert all(m.due_at != instant for m in created_before)
    assert message.recipient == olga
    assert message.kind == "org_application_deadline"
    assert named in message.text
    assert "The application of QEMU & friends to GSoC 2027 is still a draft" in message.text
    assert "/rounds/gsoc-2027-fixed/orgs/qemu-friends/manage/" in message.text
    assert mail.outbox[-1].to == ["olga@example.org"]


def test_one_second_before_three_days_nothing_is_due(draft):
    org_admin_of(draft, "olga@example.org")
    assert due_at(ORG_DEADLINE - timedelta(days=3) - SECOND) == []


def test_between_the_two_reminders_only_the_three_day_one_is_due(draft):
    org_admin_of(draft, "olga@example.org")
    (due,) = due_at(ORG_DEADLINE - timedelta(days=1) - SECOND)
    assert due.due_at == ORG_DEADLINE - timedelta(days=3)


def test_a_sweep_that_first_runs_late_sends_the_one_day_reminder_only(draft):
    org_admin_of(draft, "olga@example.org")
    (due,) = due_at(ORG_DEADLINE - timedelta(hours=20))
    assert due.due_at == ORG_DEADLINE - timedelta(days=1)
    assert due.context["lead"].is_last


def test_nothing_is_due_once_the_deadline_has_passed(draft):
    org_admin_of(draft, "olga@example.org")
    assert due_at(ORG_DEADLINE) == []


@pytest.mark.parametrize(
    "status",
    [Participation.Status.APPLIED, Participation.Status.ACCEPTED, Participation.Status.WITHDRAWN],
)
def test_an_organization_that_submitted_or_left_is_not_reminded(draft, status):
    org_admin_of(draft, "olga@example.org")
    draft.status = status
    draft.save()
    assert due_at(ORG_DEADLINE - timedelta(days=1)) == []


def test_only_its_active_org_admins_are_reminded_each_once(draft):
    olga = org_admin_of(draft, "olga@example.org")
    otto = org_admin_of(draft, "otto@example.org")
    Membership.objects.filter(user=otto).update(status=Membership.Status.WITHDRAWN)
    MembershipFactory(participation=draft, role=Membership.Role.MENTOR)
    dues = due_at(ORG_DEADLINE - timedelta(days=1))
    assert [due.recipient for due in dues] == [olga]
    assert dues[0].copy_to == ()


def test_the_last_reminder_says_it_is_the_last(draft, django_capture_on_commit_callbacks):
    org_admin_of(draft, "olga@example.org")
    instant = ORG_DEADLINE - timedelta(days=1)
    with time_machine.travel(instant, tick=False):
        (message,) = sweep_once(instant)
    assert message.subject.startswith("[Internships] Tomorrow: the application of QEMU & friends")
    assert "This is the last reminder." in message.text
    assert Message.objects.count() == 1
