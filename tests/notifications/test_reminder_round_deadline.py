"""Everyone who follows a round: each of its deadlines three days and one day before, in
their own zone. Following is explicit (the Follow button) or through an active role."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from notifications.due import due_now
from notifications.sweep import sweep_once
from programs.models import Membership, Participation, RoundFollow
from programs.reminders import round_deadline
from tests.factories import MembershipFactory, ParticipationFactory
from tests.notifications.conftest import ORG_DEADLINE, org_admin_of, person

pytestmark = pytest.mark.django_db

APPLICATION_DEADLINE = datetime(2027, 3, 29, 18, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def due_at(moment):
    with time_machine.travel(moment, tick=False):
        return list(round_deadline(moment))


def follower(round_, email="fay@example.org", zone="UTC"):
    user = person(email, zone)
    RoundFollow.objects.create(user=user, round=round_)
    return user


@pytest.mark.parametrize(
    ("before", "zone", "named"),
    [
        # Berlin is on summer time from 28 March 2027: the deadline is 20:00 there.
        (timedelta(days=3), "Europe/Berlin", "Mon 29 Mar 2027, 20:00 CEST (Europe/Berlin)"),
        (timedelta(days=1), "Asia/Kolkata", "Mon 29 Mar 2027, 23:30 IST (Asia/Kolkata)"),
    ],
)
def test_it_is_due_at_the_instant_and_not_one_second_before(fixed_round, before, zone, named):
    fay = follower(fixed_round, zone=zone)
    instant = APPLICATION_DEADLINE - before
    assert [d.due_at for d in due_at(instant - SECOND) if d.due_at == instant] == []
    with time_machine.travel(instant, tick=False):
        (message,) = sweep_once(instant)
    assert message.recipient == fay
    assert message.about == f"round:{fixed_round.pk}:applications_close"
    assert f"Application deadline of GSoC 2027: {named}." in message.text
    assert "You receive this because you follow GSoC 2027." in message.text
    assert "/notifications/off/" in message.text  # optional: it can be turned off


def test_active_org_admins_and_mentors_follow_their_round_without_clicking(fixed_round):
    accepted = ParticipationFactory(round=fixed_round, status=Participation.Status.ACCEPTED)
    olga = org_admin_of(accepted, "olga@example.org")
    mira = person("mira@example.org", "UTC")
    MembershipFactory(participation=accepted, user=mira, role=Membership.Role.MENTOR)
    gone = person("gone@example.org", "UTC")
    MembershipFactory(
        participation=accepted,
        user=gone,
        role=Membership.Role.MENTOR,
        status=Membership.Status.WITHDRAWN,
    )
    rejected = ParticipationFactory(round=fixed_round, status=Participation.Status.REJECTED)
    org_admin_of(rejected, "rita@example.org")
    recipients = {due.recipient for due in due_at(APPLICATION_DEADLINE - timedelta(days=1))}
    assert recipients == {olga, mira}


def test_someone_who_unfollowed_gets_nothing_even_with_a_role(fixed_round):
    accepted = ParticipationFactory(round=fixed_round)
    olga = org_admin_of(accepted, "olga@example.org")
    RoundFollow.objects.create(user=olga, round=fixed_round, following=False)
    assert due_at(APPLICATION_DEADLINE - timedelta(days=1)) == []


def test_a_follower_with_a_role_too_gets_one_message(fixed_round):
    accepted = ParticipationFactory(round=fixed_round)
    olga = org_admin_of(accepted, "olga@example.org")
    RoundFollow.objects.create(user=olga, round=fixed_round)
    assert [due.recipient for due in due_at(APPLICATION_DEADLINE - timedelta(days=1))] == [olga]


def test_org_admins_owing_their_application_get_the_duty_reminder_not_this_one(draft):
    olga = org_admin_of(draft, "olga@example.org")
    fay = follower(draft.round)
    instant = ORG_DEADLINE - timedelta(days=1)
    # The sweep leaves out what the duty covers (registry.without_covered).
    followers_reminded = [d.recipient for d in due_now(instant) if d.kind == "round_deadline"]
    assert followers_reminded == [fay]
    with time_machine.travel(instant, tick=False):
        kinds = sorted((m.recipient.email, m.kind) for m in sweep_once(instant))
    assert kinds == [
        ("fay@example.org", "round_deadline"),
        ("olga@example.org", "org_application_deadline"),
    ]
    assert olga.messages.count() == 1


def test_every_deadline_of_the_round_is_reminded_but_not_other_dates(fixed_round):
    follower(fixed_round)
    milestones = set()
    for field in (
        "org_applications_close",
        "ideas_published",
        "applications_close",
        "midterm_close",
        "final_close",
        "coding_start",
        "orgs_announced",
    ):
        for due in due_at(getattr(fixed_round, field) - timedelta(days=3)):
            milestones.add(due.context["milestone"].field)
    assert milestones == {
        "org_applications_close",
        "ideas_published",
        "applications_close",
        "midterm_close",
        "final_close",
    }
