"""The reminders of project ideas as their tests need them: an organization in a round with
fixed dates (so each reminder's instant is a known date, named in each zone), its people in
the zones asked for, and the sweep run at a given instant."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.core import mail

from notifications.models import Message
from notifications.sweep import sweep_once
from programs.models import Membership, Participation
from programs.schedules import dates_from
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
    UserFactory,
)

SECOND = timedelta(seconds=1)
# Organization applications open on Mon 1 Feb 2027; each milestone falls at 18:00 UTC.
DATES = dates_from(datetime(2027, 2, 1, tzinfo=UTC))
IDEAS_DATE = DATES["ideas_published"]  # Mon 8 Mar 2027, 18:00 UTC
APPLICATIONS_CLOSE = DATES["applications_close"]  # Mon 29 Mar 2027, 18:00 UTC


def accepted_organization(program, name: str = "QEMU & friends", slug: str = "qemu-friends"):
    """An organization accepted into a round whose dates are DATES."""
    round_ = RoundFactory(program=program, name="GSoC 2027", slug=f"gsoc-2027-{slug}", **DATES)
    return ParticipationFactory(
        round=round_,
        organization=OrganizationFactory(name=name, slug=slug),
        status=Participation.Status.ACCEPTED,
    )


def person(email: str, zone: str = "UTC", **extra):
    return UserFactory(
        email=email, display_name=email.split("@")[0].title(), timezone=zone, **extra
    )


def member(participation, email: str, zone: str = "UTC", role=Membership.Role.MENTOR):
    """A new person holding an active role in the participation."""
    user = person(email, zone)
    MembershipFactory(participation=participation, user=user, role=role)
    return user


def org_admin(participation, email: str, zone: str = "UTC"):
    return member(participation, email, zone, role=Membership.Role.ORG_ADMIN)


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def emails_of(kind: str) -> list:
    """The emails sent of one kind (the round's own deadline reminders reach mentors too)."""
    subjects = set(Message.objects.filter(kind=kind).values_list("subject", flat=True))
    return [email for email in mail.outbox if email.subject in subjects]


def swept(moment: datetime, kind: str) -> list[Message]:
    """The messages of `kind` one sweep at `moment` creates (the other apps' are left out)."""
    with at(moment):
        return [message for message in sweep_once(moment) if message.kind == kind]
