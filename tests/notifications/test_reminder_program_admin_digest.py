"""Program admins: a daily digest of what waits for them, at 07:00 in their own zone, only
when something waits."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from notifications.sweep import sweep_once
from programs.models import Participation
from programs.reminders import program_admin_digest
from tests.factories import OrganizationFactory, ParticipationFactory
from tests.notifications.conftest import org_admin_of, person

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)
Status = Participation.Status


@pytest.fixture
def waiting(fixed_round):
    """One organization waiting for a decision, one accepted without slots (with one org
    admin, so also short of admins)."""
    applied = ParticipationFactory(
        round=fixed_round,
        organization=OrganizationFactory(name="Ganeti"),
        status=Status.APPLIED,
        submitted_at=datetime(2027, 2, 10, 12, tzinfo=UTC),
    )
    org_admin_of(applied, "gina@example.org")
    org_admin_of(applied, "gus@example.org")
    unslotted = ParticipationFactory(
        round=fixed_round, organization=OrganizationFactory(name="libvirt"), status=Status.ACCEPTED
    )
    org_admin_of(unslotted, "lia@example.org")
    return applied, unslotted


def due_at(moment):
    with time_machine.travel(moment, tick=False):
        return list(program_admin_digest(moment))


@pytest.mark.parametrize(
    ("zone", "seven_local"),
    [
        ("Europe/Berlin", datetime(2027, 2, 20, 6, 0, tzinfo=UTC)),
        ("Asia/Kolkata", datetime(2027, 2, 20, 1, 30, tzinfo=UTC)),
        ("America/Los_Angeles", datetime(2027, 2, 20, 15, 0, tzinfo=UTC)),
    ],
)
def test_it_is_due_at_seven_in_the_admins_zone_and_not_one_second_before(
    waiting, zone, seven_local
):
    paula = person("paula@example.org", zone, is_program_admin=True)
    assert due_at(seven_local - SECOND) == []
    with time_machine.travel(seven_local, tick=False):
        (message,) = sweep_once(seven_local)
    assert message.recipient == paula
    assert message.due_at == seven_local
    assert "Your digest of Saturday 20 February 2027." in message.text
    assert "Ganeti in GSoC 2027, submitted Wed 10 Feb 2027" in message.text
    assert "libvirt in GSoC 2027 (asked for 1 to 3)" in message.text
    assert "Organizations with fewer than 2 org admins:\n- libvirt in GSoC 2027: 1" in message.text
    assert message.subject == (
        "[Internships] What waits for you: 1 to decide, 1 without slots, 1 with too few org admins"
    )


def test_it_goes_once_a_day(waiting):
    person("paula@example.org", "UTC", is_program_admin=True)
    morning = datetime(2027, 2, 20, 7, 0, tzinfo=UTC)
    for moment in (
        morning,
        morning + timedelta(hours=5),
        morning + timedelta(hours=16, minutes=59),
    ):
        with time_machine.travel(moment, tick=False):
            sweep_once(moment)
    next_morning = morning + timedelta(days=1)
    with time_machine.travel(next_morning - SECOND, tick=False):
        assert sweep_once(next_morning - SECOND) == []
    with time_machine.travel(next_morning, tick=False):
        assert len(sweep_once(next_morning)) == 1


def test_nothing_waiting_means_no_digest(fixed_round):
    person("paula@example.org", "UTC", is_program_admin=True)
    settled = ParticipationFactory(round=fixed_round, status=Status.ACCEPTED, slots_granted=2)
    org_admin_of(settled, "a@example.org")
    org_admin_of(settled, "b@example.org")
    assert due_at(datetime(2027, 2, 20, 7, 0, tzinfo=UTC)) == []


def test_rounds_that_have_ended_are_left_out(waiting, fixed_round):
    person("paula@example.org", "UTC", is_program_admin=True)
    assert due_at(fixed_round.ends + timedelta(days=1)) == []


def test_only_program_admins_get_it(waiting):
    paula = person("paula@example.org", "UTC", is_program_admin=True)
    root = person("root@example.org", "UTC", is_superuser=True)
    person("ana@example.org", "UTC")
    recipients = {due.recipient for due in due_at(datetime(2027, 2, 20, 7, 0, tzinfo=UTC))}
    assert recipients == {paula, root}


def test_the_subject_names_only_what_waits(fixed_round):
    person("paula@example.org", "UTC", is_program_admin=True)
    applied = ParticipationFactory(round=fixed_round, status=Status.APPLIED)
    org_admin_of(applied, "a@example.org")
    org_admin_of(applied, "b@example.org")
    (due,) = due_at(datetime(2027, 2, 20, 7, 0, tzinfo=UTC))
    assert due.context["summary"] == "1 to decide"
