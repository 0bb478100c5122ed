"""The registry: kinds and reminders registered by each app's reminders.py, and the windows
in which a deadline's reminders are due."""

from datetime import UTC, datetime, timedelta

import pytest
from django.template.loader import get_template

from notifications import registry


def test_registering_a_kind_again_the_same_way_is_harmless():
    again = registry.kind(
        "round_deadline", label="Deadlines of the rounds you follow", optional=True, app="programs"
    )
    assert registry.get_kind("round_deadline") == again


def test_registering_a_kind_twice_differently_is_refused():
    with pytest.raises(ValueError, match="registered twice"):
        registry.kind("round_deadline", label="Something else", optional=False)


def test_only_optional_kinds_can_be_turned_off():
    names = {kind.name for kind in registry.optional_kinds()}
    assert {"round_deadline", "program_admin_digest", "invitation_open"} <= names
    assert not names & {"org_application_deadline", "participation_accepted", "heartbeat_stale"}


def test_each_optional_kind_names_the_roles_that_receive_it_or_none_for_anyone():
    roles = {kind.name: kind.roles for kind in registry.optional_kinds()}
    assert roles["round_deadline"] == frozenset()  # anyone may follow a round
    assert roles["program_admin_digest"] == {"program_admin"}
    assert "org_admin" in roles["invitation_open"]
    assert all(isinstance(role, str) for kind_roles in roles.values() for role in kind_roles)


def test_every_registered_kind_has_its_three_templates_in_its_apps_folder():
    for kind in registry.kinds().values():
        for part in ("subject.txt", "body.txt", "body.html"):
            assert get_template(f"{kind.app}/emails/{kind.name}-{part}")
    assert registry.get_kind("round_deadline").template("body.txt") == (
        "programs/emails/round_deadline-body.txt"
    )
    assert registry.get_kind("idea_approved").app == "projects"
    assert registry.get_kind("heartbeat_stale").app == "notifications"


def test_the_deadline_windows_hand_each_deadline_to_one_lead():
    now = datetime(2027, 2, 12, 18, 0, tzinfo=UTC)
    windows = {lead.name: (after, until) for lead, after, until in registry.deadline_windows(now)}
    assert windows == {
        "3d": (now + timedelta(days=1), now + timedelta(days=3)),
        "1d": (now, now + timedelta(days=1)),
    }
