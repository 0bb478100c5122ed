"""A moment at which one reminder of every kind in programs and notifications is due."""

from datetime import timedelta

import time_machine

from notifications.models import Heartbeat
from programs.models import Invitation, Membership, RoundFollow, hash_token
from tests.notifications.conftest import ORG_DEADLINE, org_admin_of, person

# Three days before the organization application deadline, 18:00 UTC: 07:00 has passed for
# a program admin in UTC, and the invitation below was sent three days ago.
NOW = ORG_DEADLINE - timedelta(days=3)


def everything_due(draft) -> dict[str, object]:
    """Rows making each kind due at NOW; returns the people, by kind they should get."""
    olga = org_admin_of(draft, "olga@example.org", "Europe/Berlin")  # a draft: the duty
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        Invitation.objects.create(
            participation=draft,
            email="ivy@example.org",
            role=Membership.Role.MENTOR,
            token_hash=hash_token("ivy"),
            invited_by=olga,
            expires_at=NOW + timedelta(days=11),
        )
    fay = person("fay@example.org", "Asia/Kolkata")
    RoundFollow.objects.create(user=fay, round=draft.round)
    paula = person("paula@example.org", "UTC", is_program_admin=True)
    # Beat has been silent for five minutes: an incident.
    Heartbeat.objects.create(name="beat@old-host", last_seen=NOW - timedelta(minutes=5))
    Heartbeat.objects.create(name="worker@host", last_seen=NOW)
    return {
        "org_application_deadline": olga,
        "invitation_open": olga,
        "round_deadline": fay,
        "heartbeat_stale": paula,
        "program_admin_digest": paula,
    }


def as_of(moment=NOW):
    return time_machine.travel(moment, tick=False)
