"""Org admins: an invitation they sent, still unanswered three days later, once each."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from notifications.sweep import sweep_once
from programs.models import Invitation, Membership, hash_token
from programs.reminders import invitation_open
from tests.notifications.conftest import org_admin_of, person

pytestmark = pytest.mark.django_db

SENT = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
DUE = SENT + timedelta(days=3)
SECOND = timedelta(seconds=1)


def invite(participation, by, email="ivy@example.org", **fields) -> Invitation:
    with time_machine.travel(SENT, tick=False):
        return Invitation.objects.create(
            participation=participation,
            email=email,
            role=Membership.Role.MENTOR,
            token_hash=hash_token(email),
            invited_by=by,
            expires_at=SENT + timedelta(days=14),
            **fields,
        )


def due_at(moment):
    with time_machine.travel(moment, tick=False):
        return list(invitation_open(moment))


@pytest.mark.parametrize(
    ("zone", "named"),
    [
        ("Europe/Berlin", "Mon 01 Mar 2027, 10:30 CET (Europe/Berlin)"),
        ("Asia/Kolkata", "Mon 01 Mar 2027, 15:00 IST (Asia/Kolkata)"),
    ],
)
def test_it_is_due_three_days_after_sending_and_not_one_second_before(participation, zone, named):
    olga = org_admin_of(participation, "olga@example.org", zone)
    invite(participation, olga)
    assert due_at(DUE - SECOND) == []
    with time_machine.travel(DUE, tick=False):
        (message,) = sweep_once(DUE)
    assert message.recipient == olga
    assert message.due_at == DUE
    assert f"You invited ivy@example.org on {named} to be mentor of QEMU" in message.text
    assert "Mon 15 Mar 2027" in message.text  # it expires


def test_each_invitation_is_reminded_once(participation):
    olga = org_admin_of(participation, "olga@example.org")
    invite(participation, olga, email="ivy@example.org")
    invite(participation, olga, email="ian@example.org")
    with time_machine.travel(DUE, tick=False):
        assert len(sweep_once(DUE)) == 2
    later = DUE + timedelta(days=2)
    with time_machine.travel(later, tick=False):
        assert sweep_once(later) == []


@pytest.mark.parametrize(
    "answered",
    [
        {"accepted_at": SENT + timedelta(days=1)},
        {"revoked_at": SENT + timedelta(days=1)},
        {"expires_at": DUE},
    ],
    ids=["accepted", "revoked", "expired"],
)
def test_an_answered_revoked_or_expired_invitation_is_not_reminded(participation, answered):
    olga = org_admin_of(participation, "olga@example.org")
    invitation = invite(participation, olga)
    Invitation.objects.filter(pk=invitation.pk).update(**answered)
    assert due_at(DUE) == []


def test_an_inviter_who_is_no_longer_org_admin_is_not_reminded(participation):
    olga = org_admin_of(participation, "olga@example.org")
    invite(participation, olga)
    Membership.objects.filter(user=olga).update(status=Membership.Status.WITHDRAWN)
    assert due_at(DUE) == []


def test_the_invited_address_itself_gets_nothing(participation):
    olga = org_admin_of(participation, "olga@example.org")
    person("ivy@example.org", "UTC")
    invite(participation, olga)
    assert [due.recipient for due in due_at(DUE)] == [olga]
