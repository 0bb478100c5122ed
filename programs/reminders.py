"""What programs asks notifications to send: reminders (pure functions of the clock and the
data, asked by the sweep every five minutes) and notices of decisions (built by the services
when the decision is made, and enqueued in the same transaction).

Reminders
- org admins: their organization's application still a draft, three days and one day before
  the round's organization application deadline (a duty: cannot be turned off);
- org admins: an invitation they sent, unanswered three days later (one per invitation);
- followers of a round: each deadline of the round, three days and one day before;
- program admins: a daily digest of what waits for them, at 07:00 in their own zone.

Notices
- org admins: their organization accepted or rejected;
- the inviter: their invitation accepted;
- org admins: someone asks to mentor for their organization;
- the person who asked to mentor: the org admins' answer.

Each kind has its templates in templates/programs/emails/<kind>-subject.txt, -body.txt,
-body.html.
"""

import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q

from notifications.links import site_url
from notifications.recipients import program_admins
from notifications.registry import (
    Due,
    deadline_key,
    deadline_windows,
    kind,
    person_roles,
    preferences_section,
    reminder,
)
from programs.follows import followers, rounds_followed_section
from programs.models import Invitation, Membership, MentorRequest, Participation, Round
from programs.timeline import MILESTONES

# The roles message kinds are for (notifications.registry.Kind.roles): a membership's role, or
# running programs site-wide.
ORG_ADMIN = Membership.Role.ORG_ADMIN.value
MENTOR = Membership.Role.MENTOR.value
PROGRAM_ADMIN = "program_admin"


@person_roles
def roles(user) -> set[str]:
    """The roles `user` holds now: those of their active memberships, in any round, and
    program admin for people who run programs. One query."""
    held = set(
        Membership.objects.active().filter(user=user).values_list("role", flat=True).distinct()
    )
    if user.runs_programs:
        held.add(PROGRAM_ADMIN)
    return held


# The stored name predates the word "participation": rows in the outbox and people's
# preferences carry it, so it stays.
PARTICIPATION_DRAFT_DEADLINE = kind(
    "org_application_deadline",
    label="Reminders to submit your organization's application",
    optional=False,
    app="programs",
    roles={ORG_ADMIN},
)
# Org admins send invitations, and program admins may act for them.
INVITATION_OPEN = kind(
    "invitation_open",
    label="Reminders of invitations you sent that are unanswered",
    optional=True,
    app="programs",
    roles={ORG_ADMIN, PROGRAM_ADMIN},
)
# Anyone may follow a round.
ROUND_DEADLINE = kind(
    "round_deadline", label="Deadlines of the rounds you follow", optional=True, app="programs"
)
PROGRAM_ADMIN_DIGEST = kind(
    "program_admin_digest",
    label="The program admins' daily digest",
    optional=True,
    app="programs",
    roles={PROGRAM_ADMIN},
)
PARTICIPATION_ACCEPTED = kind(
    "participation_accepted",
    label="Your organization accepted into a round",
    optional=False,
    app="programs",
)
PARTICIPATION_REJECTED = kind(
    "participation_rejected",
    label="Your organization not accepted into a round",
    optional=False,
    app="programs",
)
INVITATION_ACCEPTED = kind(
    "invitation_accepted",
    label="Invitations you sent, accepted",
    optional=True,
    app="programs",
    roles={ORG_ADMIN, PROGRAM_ADMIN},
)
MENTOR_REQUEST_OPEN = kind(
    "mentor_request_open",
    label="Requests to mentor for your organization",
    optional=False,
    app="programs",
    roles={ORG_ADMIN},
)
MENTOR_REQUEST_ANSWERED = kind(
    "mentor_request_answered",
    label="Answers to your requests to mentor",
    optional=False,
    app="programs",
)

# The email choices page lists the rounds a person follows, each with its Unfollow button.
preferences_section(rounds_followed_section)

# An invitation unanswered this long earns its sender a reminder.
INVITATION_REMINDER_AFTER = timedelta(days=3)
# The digest goes at this local time, once a day.
DIGEST_AT = time(7, 0)
# The digest lists this many of each; it gives the full counts.
DIGEST_LIST_LIMIT = 20

STILL_IN = (Participation.Status.DRAFT, Participation.Status.APPLIED, Participation.Status.ACCEPTED)
DEADLINES = tuple(m for m in MILESTONES if m.is_deadline)


def _manage_link(participation: Participation) -> str:
    return site_url(
        "programs:participation_manage",
        participation.round.slug,
        participation.organization.slug,
    )


def _draft_org_admins(after: datetime, until: datetime):
    """Active org admins of draft participations whose round's deadline is in (after, until]."""
    return (
        Membership.objects.active()
        .filter(
            role=Membership.Role.ORG_ADMIN,
            participation__status=Participation.Status.DRAFT,
            participation__round__org_applications_close__gt=after,
            participation__round__org_applications_close__lte=until,
        )
        .select_related("user", "participation__round", "participation__organization")
    )


@reminder
def participation_draft_deadline(now: datetime) -> Iterator[Due]:
    """Org admins whose application is still a draft (only they owe it), 3 days and 1 day
    before the round's organization application deadline."""
    for lead, after, until in deadline_windows(now):
        for membership in _draft_org_admins(after, until):
            participation = membership.participation
            deadline = participation.round.org_applications_close
            yield Due(
                kind=PARTICIPATION_DRAFT_DEADLINE.name,
                recipient=membership.user,
                about=f"participation:{participation.pk}",
                due_at=deadline - lead.before,
                covers=deadline_key(participation.round_id, "org_applications_close", lead),
                context={
                    "participation": participation,
                    "round": participation.round,
                    "deadline": deadline,
                    "lead": lead,
                    "link": _manage_link(participation),
                },
            )


@reminder
def invitation_open(now: datetime) -> Iterator[Due]:
    """The org admin who sent an invitation still open three days later, once per invitation,
    while they are still an active org admin of that organization."""
    inviter_still_admin = Membership.objects.active().filter(
        participation=OuterRef("participation"),
        user=OuterRef("invited_by"),
        role=Membership.Role.ORG_ADMIN,
    )
    invitations = (
        Invitation.objects.open(now)
        .filter(created_at__lte=now - INVITATION_REMINDER_AFTER)
        .filter(Exists(inviter_still_admin))
        .select_related("invited_by", "participation__round", "participation__organization")
    )
    for invitation in invitations:
        yield Due(
            kind=INVITATION_OPEN.name,
            recipient=invitation.invited_by,
            about=f"invitation:{invitation.pk}",
            due_at=invitation.created_at + INVITATION_REMINDER_AFTER,
            context={
                "invitation": invitation,
                "participation": invitation.participation,
                "link": _manage_link(invitation.participation),
            },
        )


def _rounds_with_deadline_in(after: datetime, until: datetime):
    in_window = Q()
    for milestone in DEADLINES:
        in_window |= Q(**{f"{milestone.field}__gt": after, f"{milestone.field}__lte": until})
    return Round.objects.filter(in_window)


@reminder
def round_deadline(now: datetime) -> Iterator[Due]:
    """Everyone who follows a round, 3 days and 1 day before each of its deadlines.

    Each names the deadline it covers: someone reminded of a duty they owe for the same
    deadline (an org admin's draft application, a mentor's draft ideas) gets only that one.
    """
    for lead, after, until in deadline_windows(now):
        rounds = list(_rounds_with_deadline_in(after, until))
        if not rounds:
            continue
        people = followers(round_.pk for round_ in rounds)
        for round_ in rounds:
            for milestone in DEADLINES:
                deadline = getattr(round_, milestone.field)
                if not after < deadline <= until:
                    continue
                for user in people.get(round_.pk, {}).values():
                    yield Due(
                        kind=ROUND_DEADLINE.name,
                        recipient=user,
                        about=f"round:{round_.pk}:{milestone.field}",
                        due_at=deadline - lead.before,
                        covers=deadline_key(round_.pk, milestone.field, lead),
                        context={
                            "round": round_,
                            "milestone": milestone,
                            "deadline": deadline,
                            "lead": lead,
                            "link": site_url("programs:round", round_.slug),
                        },
                    )


def digest_due_at(now: datetime, zone_name: str) -> datetime | None:
    """07:00 of today in the zone, if it has come; None before it. From 07:00 to midnight
    local time the day's digest is due (a sweep that was down at 07:00 still sends it)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    local = now.astimezone(zone)
    at = datetime.combine(local.date(), DIGEST_AT, tzinfo=zone)
    return at if local >= at else None


def waiting_for_program_admins(now: datetime) -> dict:
    """What program admins have to act on, in rounds not yet ended: three queries."""
    current = Participation.objects.filter(round__ends__gt=now).select_related(
        "organization", "round"
    )
    applied = current.filter(status=Participation.Status.APPLIED).order_by("submitted_at")
    unslotted = current.filter(status=Participation.Status.ACCEPTED, slots_granted=None)
    few_admins = (
        current.filter(status__in=STILL_IN)
        .annotate(
            admins=Count(
                "memberships",
                filter=Q(
                    memberships__status=Membership.Status.ACTIVE,
                    memberships__role=Membership.Role.ORG_ADMIN,
                ),
            )
        )
        .filter(admins__lt=Participation.MIN_ORG_ADMINS)
    )
    lists = {
        "applied": list(applied[: DIGEST_LIST_LIMIT + 1]),
        "unslotted": list(
            unslotted.order_by("round__name", "organization__name")[: DIGEST_LIST_LIMIT + 1]
        ),
        "few_admins": list(
            few_admins.order_by("round__name", "organization__name")[: DIGEST_LIST_LIMIT + 1]
        ),
    }
    return lists


def _digest_summary(waiting: dict) -> str:
    """ "2 to decide, 1 without slots": only what there is, for the subject line."""
    parts = {
        "applied": "to decide",
        "unslotted": "without slots",
        "few_admins": "with too few org admins",
    }
    return ", ".join(
        f"{len(rows)}{'+' if len(rows) > DIGEST_LIST_LIMIT else ''} {parts[name]}"
        for name, rows in waiting.items()
        if rows
    )


# --- Parts of the digest that belong to apps above programs --------------------------------
# Selection's open conflicts are program admins' work too, but programs may not import the
# apps above it: such an app registers a part here (from its reminders.py, which
# notifications imports at start-up), and the digest asks every part once per sweep.


@dataclass(frozen=True)
class DigestSection:
    """What one part adds to the digest: a heading, its lines (text and link), whether more
    exist than listed, and its words for the subject line ("2 open conflicts")."""

    heading: str
    summary: str
    lines: tuple[tuple[str, str], ...]
    more: bool
    link: str


DigestPart = Callable[[datetime], list[DigestSection]]
_digest_parts: dict[str, DigestPart] = {}


def program_admin_digest_part(function: DigestPart) -> DigestPart:
    """Register a part of the program admins' digest under its dotted name: given the clock,
    it returns its sections (none when it has nothing waiting)."""
    _digest_parts[f"{function.__module__}.{function.__qualname__}"] = function
    return function


def digest_sections(now: datetime) -> list[DigestSection]:
    return [section for part in _digest_parts.values() for section in part(now)]


@reminder
def program_admin_digest(now: datetime) -> Iterator[Due]:
    """Each program admin, once a day at 07:00 in their zone: organizations waiting for a
    decision, accepted ones without slots, and ones with fewer than two org admins, and what
    the parts registered by other apps add (selection's open conflicts). Nothing waiting, no
    digest."""
    admins = [
        (admin, at) for admin in program_admins() if (at := digest_due_at(now, admin.timezone))
    ]
    if not admins:
        return
    waiting = waiting_for_program_admins(now)
    sections = digest_sections(now)
    if not any(waiting.values()) and not sections:
        return
    summary = ", ".join(filter(None, [_digest_summary(waiting), *(s.summary for s in sections)]))
    context = {
        "summary": summary,
        "sections": sections,
        **{name: rows[:DIGEST_LIST_LIMIT] for name, rows in waiting.items()},
        **{f"{name}_more": len(rows) > DIGEST_LIST_LIMIT for name, rows in waiting.items()},
        "min_org_admins": Participation.MIN_ORG_ADMINS,
        "link": site_url("programs:manage"),
    }
    for admin, at in admins:
        yield Due(
            kind=PROGRAM_ADMIN_DIGEST.name,
            recipient=admin,
            about="digest",
            due_at=at,
            context={**context, "day": at},
        )


# --- Notices, enqueued by the services in the transaction of the decision ------------------


def participation_decided(participation: Participation) -> list[Due]:
    """Its active org admins, when a program admin accepts or rejects the organization."""
    participation = Participation.objects.select_related("round", "organization").get(
        pk=participation.pk
    )
    accepted = participation.status == Participation.Status.ACCEPTED
    notice = PARTICIPATION_ACCEPTED if accepted else PARTICIPATION_REJECTED
    admins = Membership.objects.org_admins_of(participation.pk).select_related("user")
    return [
        Due(
            kind=notice.name,
            recipient=membership.user,
            about=f"participation:{participation.pk}",
            due_at=participation.decided_at,
            context={
                "participation": participation,
                "round": participation.round,
                "link": _manage_link(participation),
            },
        )
        for membership in admins
    ]


def invitation_accepted(*, invitation: Invitation, by) -> list[Due]:
    """The person who sent the invitation, when someone accepts it."""
    participation = invitation.participation
    return [
        Due(
            kind=INVITATION_ACCEPTED.name,
            recipient=invitation.invited_by,
            about=f"invitation:{invitation.pk}",
            due_at=invitation.accepted_at,
            context={
                "invitation": invitation,
                "member": by,
                "participation": participation,
                "link": site_url(
                    "programs:participation_manage",
                    participation.round.slug,
                    participation.organization.slug,
                ),
            },
        )
    ]


def _mentor_requests_link(participation: Participation) -> str:
    return site_url(
        "programs:mentor_requests", participation.round.slug, participation.organization.slug
    )


def mentor_request_opened(*, request: MentorRequest) -> list[Due]:
    """The organization's active org admins, when someone asks to mentor for it."""
    participation = request.participation
    admins = Membership.objects.org_admins_of(participation.pk).select_related("user")
    return [
        Due(
            kind=MENTOR_REQUEST_OPEN.name,
            recipient=membership.user,
            about=f"mentor_request:{request.pk}",
            due_at=request.created_at,
            context={
                "mentor_request": request,
                "person": request.user,
                "participation": participation,
                "link": _mentor_requests_link(participation),
            },
        )
        for membership in admins
    ]


def mentor_request_answered(*, request: MentorRequest) -> list[Due]:
    """The person who asked to mentor, when an org admin accepts or declines."""
    participation = request.participation
    return [
        Due(
            kind=MENTOR_REQUEST_ANSWERED.name,
            recipient=request.user,
            about=f"mentor_request:{request.pk}",
            due_at=request.decided_at,
            context={
                "mentor_request": request,
                "accepted": request.status == MentorRequest.Status.ACCEPTED,
                "participation": participation,
                "link": site_url(
                    "programs:mentor_request",
                    participation.round.slug,
                    participation.organization.slug,
                    request.pk,
                ),
            },
        )
    ]
