"""Notices of decisions people wait for, enqueued by the programs services in the decision's
own transaction: organization accepted or rejected (its org admins), invitation accepted
(the inviter). They leave only after commit, once."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from notifications.models import Message, NotificationPreference
from programs.models import Invitation, Participation
from programs.services.decisions import participation_accept, participation_reject
from programs.services.memberships import invitation_accept, invitation_create
from tests.factories import OrganizationFactory, ParticipationFactory
from tests.notifications.conftest import org_admin_of, person

pytestmark = pytest.mark.django_db

DECIDED = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def applied(round_):
    return ParticipationFactory(
        round=round_,
        organization=OrganizationFactory(name="Ganeti"),
        status=Participation.Status.APPLIED,
    )


def test_accepting_an_organization_tells_each_of_its_org_admins_once(
    applied, program_admin, django_capture_on_commit_callbacks
):
    gina = org_admin_of(applied, "gina@example.org", "Europe/Berlin")
    gus = org_admin_of(applied, "gus@example.org", "Asia/Kolkata")
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(DECIDED, tick=False):
        participation_accept(participation=applied, by=program_admin)
    assert sorted(email.to[0] for email in mail.outbox) == ["gina@example.org", "gus@example.org"]
    by_person = {m.recipient: m for m in Message.objects.all()}
    assert by_person[gina].subject == (
        "[Internships] Ganeti is accepted into Google Summer of Code 2027"
    )
    assert "on Mon 01 Mar 2027, 13:00 CET (Europe/Berlin)" in by_person[gina].text
    assert "on Mon 01 Mar 2027, 17:30 IST (Asia/Kolkata)" in by_person[gus].text
    assert all(m.status == Message.Status.SENT for m in by_person.values())


def test_rejecting_an_organization_tells_its_org_admins(
    applied, program_admin, django_capture_on_commit_callbacks
):
    org_admin_of(applied, "gina@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        participation_reject(participation=applied, by=program_admin)
    (message,) = Message.objects.all()
    assert message.kind == "participation_rejected"
    assert "did not accept Ganeti" in mail.outbox[0].body


def test_a_decision_that_rolls_back_sends_nothing(
    applied, program_admin, django_capture_on_commit_callbacks
):
    org_admin_of(applied, "gina@example.org")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        participation_accept(participation=applied, by=program_admin)
        raise RuntimeError("something later in the request failed")
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_a_decision_notice_cannot_be_turned_off(applied, program_admin):
    gina = org_admin_of(applied, "gina@example.org")
    NotificationPreference.objects.create(user=gina, kind="participation_accepted", enabled=False)
    participation_accept(participation=applied, by=program_admin)
    assert Message.objects.filter(recipient=gina).count() == 1


def test_an_accepted_invitation_tells_the_inviter_once(
    participation, org_admin, django_capture_on_commit_callbacks
):
    issued = invitation_create(
        participation=participation, email="ivy@example.org", role="mentor", by=org_admin
    )
    ivy = person("ivy@example.org", "UTC")
    mail.outbox.clear()
    invitation = Invitation.objects.select_related("participation").get(pk=issued.invitation.pk)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_accept(invitation=invitation, user=ivy, accepts_terms=True)
    (email,) = mail.outbox
    assert email.to == [org_admin.email]
    assert email.subject == "[Internships] Ivy accepted your invitation to QEMU"
    assert "Ivy (ivy@example.org) accepted your invitation and is now mentor of QEMU" in email.body


def test_an_inviter_who_turned_these_off_gets_nothing(participation, org_admin):
    NotificationPreference.objects.create(user=org_admin, kind="invitation_accepted", enabled=False)
    issued = invitation_create(
        participation=participation, email="ivy@example.org", role="mentor", by=org_admin
    )
    invitation_accept(
        invitation=issued.invitation, user=person("ivy@example.org", "UTC"), accepts_terms=True
    )
    assert Message.objects.count() == 0
