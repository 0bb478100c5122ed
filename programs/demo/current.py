"""The two current rounds: Google Summer of Code in the chosen phase, Outreachy out of step.

Who stands where follows the phase: before the organization deadline there are drafts and
applications; from the announcement on, organizations are accepted with slots granted (one is
rejected). Each organization has an active org admin and mentors, and QEMU and libvirt each
have one open mentor invitation.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from people.models import User
from programs.demo.accounts import create_placeholder
from programs.demo.catalogue import (
    CONTRIBUTION_DEADLINE_DAYS_AFTER_APPLICATIONS_CLOSE,
    GSOC_LINEUP,
    OUTREACHY_LINEUP,
    OUTREACHY_PHASE,
    PARTICIPATION_TEXT,
    Lineup,
)
from programs.demo.history import PREVIOUS_PARTICIPATION, round_names
from programs.demo.world import DemoInvitation, DemoWorld
from programs.models import Invitation, Membership, Participation, Round, hash_token
from programs.schedules import dates_in_phase
from programs.timeline import Phase

Status = Participation.Status

TOTAL_SLOTS = {"gsoc": 12, "outreachy": 4}

# Other organizations' people: they show on pages but cannot log in.
PLACEHOLDER_STAFF: dict[str, list[tuple[str, str, str]]] = {
    # organization slug: [(email, name, time zone)], the org admin first, then mentors
    "qemu": [("qemu-mentor@example.org", "Kai Lindqvist", "Europe/Stockholm")],
    "libvirt": [("libvirt-admin@example.org", "Daniela Novak", "Europe/Prague")],
    "ganeti": [
        ("ganeti-admin@example.org", "Marta Kowalska", "Europe/Warsaw"),
        ("ganeti-mentor@example.org", "Hiro Tanaka", "Asia/Tokyo"),
    ],
    "rust-vmm": [
        ("rust-vmm-admin@example.org", "Andrea Ionescu", "Europe/Bucharest"),
        ("rust-vmm-mentor@example.org", "Sam Carter", "America/Los_Angeles"),
    ],
    "mozilla": [
        ("mozilla-admin@example.org", "Jordan Lee", "America/Toronto"),
        ("mozilla-mentor@example.org", "Priya Raman", "America/Los_Angeles"),
    ],
}

# Known tokens, so the printed links work; a real invitation's token exists only in its email.
DEMO_INVITATIONS: tuple[tuple[str, str, str], ...] = (
    # (organization slug, invited email, token)
    ("qemu", "new-mentor@example.org", "demo-invitation-qemu-mentor"),
    ("libvirt", "co-mentor@example.org", "demo-invitation-libvirt-mentor"),
)


def _before_now(at: datetime, now: datetime) -> datetime:
    """A past moment: the timeline's date, or just now if that date is still to come."""
    return min(at, now - timedelta(hours=1))


def current_round(world: DemoWorld, key: str, phase: Phase) -> Round:
    program = world.programs[key]
    dates = dates_in_phase(phase, world.now)
    return Round.objects.create(
        program=program,
        rules=program.default_rules.copy(),
        total_slots=TOTAL_SLOTS[key],
        **round_names(key, dates["coding_start"]),
        **dates,
    )


def _participation(world: DemoWorld, round_: Round, lineup: Lineup, status: str) -> Participation:
    now = world.now
    decided = status in (Status.ACCEPTED, Status.REJECTED)
    deadline_days = CONTRIBUTION_DEADLINE_DAYS_AFTER_APPLICATIONS_CLOSE.get(lineup.org)
    return Participation.objects.create(
        round=round_,
        organization=world.organizations[lineup.org],
        status=status,
        previous_participation=PREVIOUS_PARTICIPATION if lineup.org == "qemu" else "",
        slots_min=lineup.slots_min,
        slots_max=lineup.slots_max,
        slots_granted=lineup.slots_granted if status == Status.ACCEPTED else None,
        gate_contributions=1 if deadline_days else 0,
        gate_deadline=(
            round_.applications_close + timedelta(days=deadline_days) if deadline_days else None
        ),
        submitted_at=(
            None
            if status == Status.DRAFT
            else _before_now(round_.org_applications_open + timedelta(days=3), now)
        ),
        decided_at=round_.orgs_announced if decided else None,
        decided_by=world.accounts["program_admin"] if decided else None,
        slots_decided_at=round_.orgs_announced if status == Status.ACCEPTED else None,
        slots_decided_by=world.accounts["program_admin"] if status == Status.ACCEPTED else None,
        **PARTICIPATION_TEXT[lineup.org],
    )


def _staff(world: DemoWorld) -> dict[str, tuple[User, list[User]]]:
    """Each organization's org admin and mentors, creating the placeholders once."""
    people = {
        slug: [create_placeholder(*person) for person in persons]
        for slug, persons in PLACEHOLDER_STAFF.items()
    }
    return {
        "qemu": (world.accounts["org_admin"], [world.accounts["mentor"], *people["qemu"]]),
        "libvirt": (people["libvirt"][0], [world.accounts["second_mentor"]]),
        "ganeti": (people["ganeti"][0], people["ganeti"][1:]),
        "rust-vmm": (people["rust-vmm"][0], people["rust-vmm"][1:]),
        "mozilla": (people["mozilla"][0], people["mozilla"][1:]),
    }


def _memberships(
    world: DemoWorld, participation: Participation, admin: User, mentors: list[User]
) -> None:
    round_ = participation.round
    signed = _before_now(round_.org_applications_open + timedelta(days=1), world.now)
    rows = [
        Membership(
            participation=participation,
            user=admin,
            role=Membership.Role.ORG_ADMIN,
            terms_accepted_at=signed,
        )
    ]
    # A rejected organization keeps its coordinator on record but has no one to mentor.
    if participation.status != Status.REJECTED:
        rows += [
            Membership(
                participation=participation,
                user=mentor,
                role=Membership.Role.MENTOR,
                terms_accepted_at=_before_now(signed + timedelta(days=2), world.now),
                invited_by=admin,
            )
            for mentor in mentors
        ]
    Membership.objects.bulk_create(rows)


def _invitation_link(token: str) -> str | None:
    try:
        return settings.SITE_URL + reverse("programs:invitation_accept", args=[token])
    except NoReverseMatch:
        return None


def _invitations(world: DemoWorld, staff: dict[str, tuple[User, list[User]]]) -> None:
    for org_slug, email, token in DEMO_INVITATIONS:
        participation = world.participations.get(("gsoc", org_slug))
        if participation is None or participation.status == Status.REJECTED:
            continue
        invitation = Invitation.objects.create(
            participation=participation,
            email=email,
            role=Membership.Role.MENTOR,
            token_hash=hash_token(token),
            invited_by=staff[org_slug][0],
            expires_at=world.now + timedelta(days=14),
        )
        world.invitations.append(DemoInvitation(invitation, token, _invitation_link(token)))


def build_current(world: DemoWorld) -> None:
    staff = _staff(world)
    plans = (
        ("gsoc", world.phase, GSOC_LINEUP),
        ("outreachy", OUTREACHY_PHASE[world.phase], OUTREACHY_LINEUP),
    )
    for key, phase, lineup in plans:
        round_ = world.rounds[key] = current_round(world, key, phase)
        for plan in lineup:
            status = plan.status(phase)
            if status is None:
                continue
            participation = _participation(world, round_, plan, status)
            world.participations[(key, plan.org)] = participation
            _memberships(world, participation, *staff[plan.org])
    _invitations(world, staff)
