"""Selection's reminders: org admins with open slots and no selection, three days before the
ranking is due (the results time less the round's `ranking_due_days`), each once and only to
those who owe it; and the program admins' daily digest, which gains the open conflicts."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from notifications.models import Message
from notifications.sweep import sweep_once
from programs.models import Membership
from programs.reminders import program_admin_digest
from programs.schedules import dates_from
from selection.models import Candidacy, Conflict
from selection.reminders import selection_open_slots
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
    UserFactory,
)
from tests.selection.choosing_world import candidate, granted, mentor_of

pytestmark = pytest.mark.django_db
SECOND = timedelta(seconds=1)
# The fixed round's results are announced on 26 April 2027 at 18:00 UTC; with the default
# seven days, rankings are due on the 19th, and the reminder goes on the 16th.
OPENS = datetime(2027, 2, 1, tzinfo=UTC)
REMINDED = datetime(2027, 4, 16, 18, 0, tzinfo=UTC)


@pytest.fixture
def fixed(program):
    return RoundFactory(program=program, name="GSoC 2027", slug="gsoc-2027", **dates_from(OPENS))


@pytest.fixture
def qemu(fixed, org_admin):
    participation = ParticipationFactory(
        round=fixed, organization=OrganizationFactory(name="QEMU", slug="qemu"), slots_max=2
    )
    granted(participation, 2)
    MembershipFactory(participation=participation, user=org_admin, role="org_admin")
    mentor_of(participation, "Mira Mentor")
    return participation


@pytest.fixture
def org_admin(db):
    """Olga, without the personas' own round (this module's round has fixed dates)."""
    return UserFactory(email="olga@example.org", display_name="Olga Orgadmin")


def due_at(moment):
    with time_machine.travel(moment, tick=False):
        return list(selection_open_slots(moment))


def test_org_admins_are_reminded_three_days_before_the_ranking_is_due_to_the_second(
    qemu, org_admin
):
    assert due_at(REMINDED - SECOND) == []

    with time_machine.travel(REMINDED, tick=False):
        (message,) = sweep_once(REMINDED)

    assert message.recipient == org_admin
    assert message.kind == "selection_open_slots"
    assert message.due_at == REMINDED
    assert message.subject == (
        "[Internships] In three days: QEMU's selection is due in GSoC 2027, and nobody is "
        "selected yet"
    )
    assert "QEMU has 2 slots in GSoC 2027 and has selected nobody yet." in message.text
    assert "Mon 19 Apr 2027, 18:00 UTC" in message.text
    assert "/rounds/gsoc-2027/orgs/qemu/selection/" in message.text


def test_it_goes_once(qemu):
    for moment in (REMINDED, REMINDED + timedelta(hours=5), REMINDED + timedelta(days=2)):
        with time_machine.travel(moment, tick=False):
            sweep_once(moment)

    assert Message.objects.filter(kind="selection_open_slots").count() == 1


def test_the_rounds_own_ranking_lead_moves_it(qemu):
    rules = qemu.round.rules
    rules.ranking_due_days = 10
    rules.save()

    assert due_at(REMINDED) == []
    assert len(due_at(REMINDED - timedelta(days=3))) == 1


def test_an_organization_that_selected_someone_owes_nothing(qemu):
    chosen = candidate(qemu, rank=1)
    Candidacy.objects.filter(pk=chosen.pk).update(selected_at=timezone.now())

    assert due_at(REMINDED) == []


def test_an_organization_without_slots_owes_nothing(qemu):
    qemu.slots_granted = None
    qemu.save()

    assert due_at(REMINDED) == []


def test_only_active_org_admins_are_reminded(qemu, org_admin):
    other = mentor_of(qemu, "Oona Orgadmin")
    Membership.objects.filter(user=other).update(
        role="org_admin", status=Membership.Status.WITHDRAWN
    )

    assert [due.recipient for due in due_at(REMINDED)] == [org_admin]


def test_the_program_admins_digest_gains_the_open_conflicts(fixed, program_admin, applicant):
    qemu = ParticipationFactory(round=fixed, slots_granted=1)
    MembershipFactory.create_batch(2, participation=qemu, role="org_admin")
    conflict = Conflict.objects.create(round=fixed, applicant=applicant, opened_at=REMINDED)
    morning = datetime(2027, 4, 20, 7, 0, tzinfo=UTC)

    with time_machine.travel(morning, tick=False):
        (message,) = sweep_once(morning)

    assert message.recipient == program_admin
    assert message.subject == "[Internships] What waits for you: 1 open conflict"
    assert "Open conflicts between organizations in GSoC 2027: 1" in message.text
    assert f"/rounds/gsoc-2027/selection/conflicts/{conflict.pk}/" in message.text
    assert "/rounds/gsoc-2027/selection/" in message.text
    assert f'/rounds/gsoc-2027/selection/conflicts/{conflict.pk}/">' in message.html


def test_a_resolved_conflict_leaves_the_digest(fixed, program_admin, applicant):
    qemu = ParticipationFactory(round=fixed, slots_granted=1)
    MembershipFactory.create_batch(2, participation=qemu, role="org_admin")
    Conflict.objects.create(
        round=fixed, applicant=applicant, opened_at=REMINDED, resolved_at=REMINDED
    )

    with time_machine.travel(datetime(2027, 4, 20, 7, 0, tzinfo=UTC), tick=False):
        assert list(program_admin_digest(datetime(2027, 4, 20, 7, 0, tzinfo=UTC))) == []
