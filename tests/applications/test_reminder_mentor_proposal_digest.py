"""Mentors and org admins of an organization: a daily digest of the proposals submitted to its
ideas in the day before, at 07:00 in their own zone, while the application period runs; only
when something was submitted; once a day; never the applicant's preference order; a mentor
may turn it off."""

from datetime import timedelta

import pytest

from applications.reminders import MENTOR_PROPOSAL_DIGEST, mentor_proposal_digest
from notifications.models import NotificationPreference
from programs.models import Participation
from tests.factories import ApplicationFactory, ProjectIdeaFactory, ProposalFactory
from tests.projects.reminders_world import (
    APPLICATIONS_CLOSE,
    DATES,
    SECOND,
    accepted_organization,
    at,
    member,
    org_admin,
    person,
    swept,
)

pytestmark = pytest.mark.django_db

KIND = MENTOR_PROPOSAL_DIGEST.name
# Tue 23 Mar 2027, inside the application period (it closes Mon 29 Mar, 18:00 UTC).
DAY = DATES["applications_open"] + timedelta(days=3)


@pytest.fixture
def qemu(program):
    return accepted_organization(program)


def submit(participation, when, *, title="My plan", idea=None, **extra):
    application = ApplicationFactory(
        round=participation.round, applicant=person(f"{title.replace(' ', '')}@example.org")
    )
    return ProposalFactory(
        application=application,
        idea=idea or ProjectIdeaFactory(participation=participation, title="Disk backup"),
        title=title,
        status="submitted",
        submitted_at=when,
        **extra,
    )


def seven(zone_offset_hours: float, day=DAY):
    """07:00 local on `day`'s date, as UTC, for a zone `zone_offset_hours` ahead of UTC."""
    local_seven = day.replace(hour=7, minute=0, second=0, microsecond=0)
    return local_seven - timedelta(hours=zone_offset_hours)


def recipients_at(moment):
    with at(moment):
        return sorted(due.recipient.email for due in mentor_proposal_digest(moment))


@pytest.mark.parametrize(
    ("zone", "offset"), [("Europe/Berlin", 1), ("Asia/Kolkata", 5.5), ("America/Los_Angeles", -7)]
)
def test_it_is_due_at_seven_in_the_mentors_zone_and_not_one_second_before(qemu, zone, offset):
    mira = member(qemu, "mira@example.org", zone)
    due = seven(offset)
    submit(qemu, due - timedelta(hours=3), title="Incremental backups")

    assert recipients_at(due - SECOND) == []
    (message,) = swept(due, KIND)

    assert message.recipient == mira
    assert message.due_at == due
    assert '"Incremental backups" by Incrementalbackups to Disk backup' in message.text
    assert "in the day before" in message.text
    assert "/rounds/gsoc-2027-qemu-friends/orgs/qemu-friends/review/" in message.text
    assert message.subject.endswith("1 new proposal to QEMU & friends's ideas")


def test_it_goes_once_a_day_and_covers_only_the_day_before(qemu):
    member(qemu, "mira@example.org", "UTC")
    morning = seven(0)
    submit(qemu, morning - timedelta(hours=1), title="Yesterday")
    submit(qemu, morning + timedelta(hours=1), title="Today")

    (first,) = swept(morning, KIND)
    assert "Yesterday" in first.text and "Today" not in first.text
    for later in (morning + timedelta(hours=5), morning + timedelta(hours=16, minutes=59)):
        assert swept(later, KIND) == []

    (second,) = swept(morning + timedelta(days=1), KIND)
    assert "Today" in second.text and "Yesterday" not in second.text


def test_nothing_submitted_means_no_digest(qemu):
    member(qemu, "mira@example.org", "UTC")
    ProposalFactory(idea__participation=qemu, title="Only a draft")
    assert recipients_at(seven(0)) == []


def test_it_runs_only_while_the_application_period_does(qemu):
    member(qemu, "mira@example.org", "UTC")
    last_hours = APPLICATIONS_CLOSE - timedelta(hours=2)
    submit(qemu, last_hours, title="Just in time")
    morning_after = seven(0, day=APPLICATIONS_CLOSE + timedelta(days=1))

    # The morning after the deadline reports the last hours; the day after that, nothing.
    assert recipients_at(morning_after) == ["mira@example.org"]
    assert recipients_at(morning_after + timedelta(days=1)) == []
    before_opening = seven(0, day=DATES["applications_open"])
    assert DATES["applications_open"] > before_opening
    assert recipients_at(before_opening) == []


def test_only_the_organizations_active_mentors_and_org_admins_get_it(qemu, program):
    member(qemu, "mira@example.org")
    org_admin(qemu, "olga@example.org")
    gone = member(qemu, "gone@example.org")
    gone.memberships.update(status="withdrawn")
    other = accepted_organization(program, name="libvirt", slug="libvirt")
    member(other, "lia@example.org")
    submit(qemu, seven(0) - timedelta(hours=1))

    assert recipients_at(seven(0)) == ["mira@example.org", "olga@example.org"]


def test_an_organization_not_accepted_gets_none(qemu):
    member(qemu, "mira@example.org")
    submit(qemu, seven(0) - timedelta(hours=1))
    Participation.objects.filter(pk=qemu.pk).update(status=Participation.Status.WITHDRAWN)
    assert recipients_at(seven(0)) == []


def test_a_mentor_who_turned_it_off_gets_none(qemu):
    mira = member(qemu, "mira@example.org")
    member(qemu, "max@example.org")
    NotificationPreference.objects.create(user=mira, kind=KIND, enabled=False)
    submit(qemu, seven(0) - timedelta(hours=1))

    messages = swept(seven(0), KIND)

    assert [m.recipient.email for m in messages] == ["max@example.org"]


def test_the_preference_order_never_reaches_the_email(qemu):
    member(qemu, "mira@example.org")
    submit(qemu, seven(0) - timedelta(hours=1), preference=3)

    (message,) = swept(seven(0), KIND)

    assert "prefer" not in message.text.lower() and "prefer" not in message.html.lower()
    assert "3" not in message.subject


def test_it_makes_the_same_queries_for_2_and_40_proposals(qemu, django_assert_num_queries):
    for index in range(3):
        member(qemu, f"m{index}@example.org", ("UTC", "Asia/Kolkata", "Europe/Berlin")[index])
    idea = ProjectIdeaFactory(participation=qemu)
    moment = seven(5.5) + timedelta(hours=8)  # 07:00 has come in all three zones
    for index in range(2):
        submit(qemu, seven(5.5) - timedelta(hours=1), title=f"a{index}", idea=idea)

    with at(moment), django_assert_num_queries(2):
        assert len(list(mentor_proposal_digest(moment))) == 3
    for index in range(38):
        submit(qemu, seven(5.5) - timedelta(hours=1), title=f"b{index}", idea=idea)
    with at(moment), django_assert_num_queries(2):
        dues = list(mentor_proposal_digest(moment))
    assert {due.context["count"] for due in dues} == {40}
