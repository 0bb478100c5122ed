"""Interviews: a mentor publishes slots and invites flagged applicants; an invited applicant
books one of that mentor's free slots, cancels or moves it; the mentor records notes and an
outcome, private to the organization.

The rules no two clicks may break are the database's: a slot booked once (a partial unique
index), a mentor and an applicant never in two overlapping booked interviews (PostgreSQL
exclusion constraints). Booking checks them first, to answer in words; on PostgreSQL two
bookings that both passed the check at the same instant meet the constraint, whose
IntegrityError is answered with the same words. On SQLite the check alone holds: a write
transaction there is IMMEDIATE (settings), one writer at a time, so nobody books between
the check and the insert.

One booking per invitation (an applicant books one of the inviting mentor's slots) is held
by a lock on the invitation's row; publishing (the cap, a mentor's slots never overlapping)
by a lock on the mentor's role in the organization.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from applications.models import Proposal
from notifications.outbox import enqueue_dues
from people.dates import moment_for
from people.models import User
from programs.models import Membership, Participation
from programs.roles import roles_in
from selection import permissions, reminders
from selection.models import Candidacy, Interview, InterviewInvitation, InterviewSlot

logger = logging.getLogger(__name__)

# Slots published in one go, and a mentor's future slots in one organization at most: enough
# for every flagged applicant of a busy organization, few enough for a page to list.
MAX_SLOTS_AT_ONCE = 12
MAX_OPEN_SLOTS = 60
# Lengths a mentor may choose, in minutes (the default is an hour, DEFAULT_LENGTH).
LENGTHS = (30, 45, 60, 90, 120)
# How far ahead a slot may start: a typo in the year is not a plan.
HORIZON = timedelta(days=365)
WHERE_MAX = 300
MESSAGE_MAX = 2_000
NOTES_MAX = 10_000
REASON_MAX = 300

SLOT_TAKEN = "Someone has just booked this slot; choose another."
APPLICANT_BUSY = "You already have an interview at that time; choose another slot."
APPLICANT_BUSY_OTHER = "The applicant already has an interview at that time; choose another slot."
MENTOR_BUSY = "The mentor has another interview at that time; choose another slot."


# --- Reads ------------------------------------------------------------------------------------


def booked_exists() -> Exists:
    return Exists(Interview.objects.booked().filter(slot=OuterRef("pk")))


def free_slots(*, mentor_pk: int, participation_pk: int, now: datetime) -> QuerySet:
    """The mentor's future slots in the organization that nobody holds, soonest first."""
    return (
        InterviewSlot.objects.filter(
            mentor=mentor_pk,
            participation=participation_pk,
            withdrawn_at__isnull=True,
            starts_at__gt=now,
        )
        .exclude(booked_exists())
        .order_by("starts_at", "pk")
    )


# --- Publishing and withdrawing slots ---------------------------------------------------------


@dataclass(frozen=True)
class SlotRun:
    """What a mentor publishes at once: `count` slots of `length` back to back from
    `starts_at`, all at `where`."""

    starts_at: datetime
    count: int
    length: timedelta
    where: str


def _lock_roles(participation: Participation, user: User) -> None:
    """Publishing takes the person's role rows in the organization first, so two publishes
    by one mentor at once count the cap and see each other's slots one after the other."""
    list(
        Membership.objects.active()
        .select_for_update()
        .filter(participation=participation, user=user)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def slots_publish(
    *, participation: Participation, mentor: User, run: SlotRun, now: datetime | None = None
) -> list[InterviewSlot]:
    """Publish `run.count` consecutive slots: by a mentor or org admin of the organization,
    starting in the future (within a year), of an allowed length, at most MAX_SLOTS_AT_ONCE
    at once and MAX_OPEN_SLOTS future ones in all, never overlapping another of the
    person's slots (in any organization: they cannot be in two interviews at once)."""
    now = now or timezone.now()
    if not permissions.may_interview(roles_in(mentor, participation)):
        raise ValidationError("Only the organization's mentors and admins publish interview slots.")
    if participation.status != Participation.Status.ACCEPTED:
        raise ValidationError(f"{participation.organization} is not taking part in this round.")
    where = run.where.strip()
    if not where or len(where) > WHERE_MAX:
        raise ValidationError(
            f"Say where the interview happens (a call link or a chat channel), in at most "
            f"{WHERE_MAX} characters."
        )
    if not 1 <= run.count <= MAX_SLOTS_AT_ONCE:
        raise ValidationError(f"Publish between 1 and {MAX_SLOTS_AT_ONCE} slots at once.")
    if run.length not in {timedelta(minutes=m) for m in LENGTHS}:
        raise ValidationError(
            "A slot lasts " + ", ".join(str(m) for m in LENGTHS) + " minutes; choose one."
        )
    if run.starts_at <= now:
        raise ValidationError(
            f"{moment_for(mentor, run.starts_at)} has passed; a slot starts in the future."
        )
    if run.starts_at > now + HORIZON:
        raise ValidationError("A slot starts within a year from now.")
    _lock_roles(participation, mentor)
    open_slots = InterviewSlot.objects.filter(
        mentor=mentor, participation=participation, withdrawn_at__isnull=True, starts_at__gt=now
    ).count()
    if open_slots + run.count > MAX_OPEN_SLOTS:
        raise ValidationError(
            f"You offer {open_slots} future slots here; {MAX_OPEN_SLOTS} is the most. "
            "Delete some you no longer need, or publish fewer."
        )
    ends_at = run.starts_at + run.count * run.length
    clash = (
        InterviewSlot.objects.filter(
            mentor=mentor,
            withdrawn_at__isnull=True,
            starts_at__lt=ends_at,
            ends_at__gt=run.starts_at,
        )
        .order_by("starts_at")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            f"You already offer a slot at {moment_for(mentor, clash.starts_at)}; "
            "the new slots would overlap it."
        )
    slots = [
        InterviewSlot(
            participation=participation,
            mentor=mentor,
            starts_at=run.starts_at + i * run.length,
            ends_at=run.starts_at + (i + 1) * run.length,
            where=where,
        )
        for i in range(run.count)
    ]
    for slot in slots:
        slot.full_clean(exclude=["participation", "mentor"])
    created = InterviewSlot.objects.bulk_create(slots)
    logger.info("%s published %s interview slots in %s", mentor.pk, len(slots), participation.pk)
    return created


@transaction.atomic
def slot_withdraw(*, slot: InterviewSlot, by: User, now: datetime | None = None) -> None:
    """Take a free slot back: its mentor or an org admin. A booked slot must be cancelled
    first; a slot that keeps the record of a cancelled booking is withdrawn, not deleted."""
    now = now or timezone.now()
    locked = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
    roles = roles_in(by, slot.participation)
    if not (roles.org_admin or (roles.mentor and locked.mentor_id == by.pk)):
        raise ValidationError("Only the slot's mentor and the organization's admins delete it.")
    if locked.interviews.booked().exists():
        raise ValidationError(
            "This slot is booked: cancel the interview first (the applicant is told)."
        )
    if locked.interviews.exists():
        locked.withdrawn_at = now
        locked.save(update_fields=["withdrawn_at"])
    else:
        locked.delete()


# --- Invitations ------------------------------------------------------------------------------


@transaction.atomic
def interview_invite(
    *, candidacy: Candidacy, mentor: User, message: str = "", now: datetime | None = None
) -> InterviewInvitation:
    """A mentor or org admin invites the applicant of a proposal flagged for interview (and
    still in the running) to book one of their slots; the applicant is told."""
    now = now or timezone.now()
    locked = (
        Candidacy.objects.select_for_update(of=("self",))
        .select_related("proposal", "applicant", "participation__round")
        .select_related("participation__organization")
        .get(pk=candidacy.pk)
    )
    if not permissions.may_interview(roles_in(mentor, locked.participation)):
        raise ValidationError("Only the organization's mentors and admins invite applicants.")
    if locked.interview_flagged_at is None:
        raise ValidationError("Flag the proposal for interview first; then invite its applicant.")
    if locked.set_aside or locked.proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError("This proposal is no longer in the running, so nobody is invited.")
    message = message.strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError(f"Keep the message under {MESSAGE_MAX} characters.")
    try:
        with transaction.atomic():
            invitation = InterviewInvitation.objects.create(
                candidacy=locked, mentor=mentor, message=message, invited_at=now
            )
    except IntegrityError:
        raise ValidationError("You already invited this applicant.") from None
    enqueue_dues(reminders.interview_invited(invitation))
    logger.info("%s invited candidacy %s to an interview", mentor.pk, locked.pk)
    return invitation


# --- Booking ----------------------------------------------------------------------------------


def _invitation_for(slot: InterviewSlot, applicant: User) -> InterviewInvitation | None:
    """The applicant's invitation from the slot's mentor, for a proposal still in the
    running, locked: one booking per invitation is counted under this lock."""
    return (
        InterviewInvitation.objects.select_for_update(of=("self",))
        .filter(
            mentor=slot.mentor_id,
            candidacy__participation=slot.participation_id,
            candidacy__applicant=applicant,
            # Not the set-aside flag: the applicant must not learn of it before the results.
            candidacy__proposal__status=Proposal.Status.SUBMITTED,
        )
        .select_related("mentor", "candidacy__applicant")
        .order_by("invited_at", "pk")
        .first()
    )


def _overlapping(starts_at: datetime, ends_at: datetime) -> Q:
    return Q(starts_at__lt=ends_at, ends_at__gt=starts_at)


def refuse_clashes(*, slot: InterviewSlot, applicant: User, by: User) -> None:
    """The no-overlap rules, checked to answer in words (and, on SQLite, to hold them: see
    the module's docstring). On PostgreSQL the constraints stand behind this check."""
    booked = Interview.objects.booked()
    if booked.filter(slot=slot).exists():
        raise ValidationError(SLOT_TAKEN)
    if booked.filter(_overlapping(slot.starts_at, slot.ends_at), applicant=applicant).exists():
        raise ValidationError(APPLICANT_BUSY if by.pk == applicant.pk else APPLICANT_BUSY_OTHER)
    if booked.filter(_overlapping(slot.starts_at, slot.ends_at), mentor=slot.mentor_id).exists():
        raise ValidationError(MENTOR_BUSY)


def _clash_message(error: IntegrityError, *, by: User, applicant: User) -> str:
    """Which rule the database refused, in the words of `refuse_clashes` (PostgreSQL names
    the constraint; SQLite names the column of the unique index)."""
    diag = getattr(error.__cause__, "diag", None)
    said = getattr(diag, "constraint_name", None) or str(error)
    if "slot" in said:
        return SLOT_TAKEN
    if "applicant" in said:
        return APPLICANT_BUSY if by.pk == applicant.pk else APPLICANT_BUSY_OTHER
    if "mentor" in said:
        return MENTOR_BUSY
    raise error


def _book(
    *, slot: InterviewSlot, invitation: InterviewInvitation, by: User, now: datetime
) -> Interview:
    """Insert the booking, with the slot's mentor and times and the applicant copied for the
    constraints; the database has the last word."""
    applicant = invitation.candidacy.applicant
    refuse_clashes(slot=slot, applicant=applicant, by=by)
    try:
        with transaction.atomic():
            return Interview.objects.create(
                slot=slot,
                invitation=invitation,
                mentor_id=slot.mentor_id,
                applicant=applicant,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                booked_at=now,
            )
    except IntegrityError as error:
        # Another booking committed between the check and the insert. Checking again sees it
        # (each statement reads what is committed), and names the first rule it breaks the
        # way the check would have; the constraint's name is the fallback.
        refuse_clashes(slot=slot, applicant=applicant, by=by)
        raise ValidationError(_clash_message(error, by=by, applicant=applicant)) from None


def _require_bookable(slot: InterviewSlot, person: User, now: datetime) -> None:
    if slot.withdrawn_at is not None:
        raise ValidationError("The mentor no longer offers this slot; choose another.")
    if slot.starts_at <= now:
        raise ValidationError(f"This slot began {moment_for(person, slot.starts_at)}.")


@transaction.atomic
def interview_book(
    *, slot: InterviewSlot, applicant: User, now: datetime | None = None
) -> Interview:
    """The applicant books one of the inviting mentor's free future slots, once per
    invitation (moving is how to change it); the mentor is told."""
    now = now or timezone.now()
    slot = InterviewSlot.objects.select_related("participation__round").get(pk=slot.pk)
    invitation = _invitation_for(slot, applicant)
    if invitation is None:
        raise ValidationError(
            "Only an applicant the mentor invited, for a proposal still submitted, books this slot."
        )
    _require_bookable(slot, applicant, now)
    held = invitation.interviews.booked().first()
    if held is not None:
        raise ValidationError(
            f"You already booked an interview with {invitation.mentor.name} "
            f"({moment_for(applicant, held.starts_at)}); move it instead."
        )
    interview = _book(slot=slot, invitation=invitation, by=applicant, now=now)
    interview = _loaded(interview.pk)
    enqueue_dues(reminders.interview_booked(interview))
    logger.info("%s booked slot %s (interview %s)", applicant.pk, slot.pk, interview.pk)
    return interview


def _loaded(pk: int) -> Interview:
    return Interview.objects.select_related(
        "slot__participation__round",
        "slot__participation__organization",
        "mentor",
        "applicant",
        "cancelled_by",
        "invitation__candidacy",
    ).get(pk=pk)


# --- Cancelling and moving --------------------------------------------------------------------


def _lock_interview(interview: Interview) -> Interview:
    # The invitation first, as booking takes it, so a move and a booking never deadlock.
    list(
        InterviewInvitation.objects.select_for_update()
        .filter(pk=interview.invitation_id)
        .values_list("pk", flat=True)
    )
    return (
        Interview.objects.select_for_update(of=("self",))
        .select_related("slot__participation__round", "mentor", "applicant")
        .get(pk=interview.pk)
    )


def _require_changeable(locked: Interview, by: User, now: datetime) -> None:
    roles = roles_in(by, locked.slot.participation)
    if not permissions.may_change_interview(by, locked, roles):
        raise ValidationError(
            "Only the applicant, the interviewer and the organization's admins change an interview."
        )
    if locked.status != Interview.Status.BOOKED:
        raise ValidationError("This interview was already cancelled or moved.")
    if locked.starts_at <= now:
        raise ValidationError(
            f"This interview began {moment_for(by, locked.starts_at)}; it can no longer be "
            "cancelled or moved (record the outcome instead)."
        )


def _cancel(locked: Interview, by: User, reason: str, now: datetime) -> None:
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise ValidationError(f"Keep the reason under {REASON_MAX} characters.")
    locked.status = Interview.Status.CANCELLED
    locked.cancelled_at = now
    locked.cancelled_by = by
    locked.cancel_reason = reason
    locked.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])


@transaction.atomic
def interview_cancel(
    *, interview: Interview, by: User, reason: str = "", now: datetime | None = None
) -> Interview:
    """Cancel a booked interview before it starts: the applicant, the interviewer or an org
    admin; the other side is told. The slot is free again."""
    now = now or timezone.now()
    locked = _lock_interview(interview)
    _require_changeable(locked, by, now)
    _cancel(locked, by, reason, now)
    locked = _loaded(locked.pk)
    enqueue_dues(reminders.interview_cancelled(locked))
    logger.info("%s cancelled interview %s", by.pk, locked.pk)
    return locked


@transaction.atomic
def interview_move(
    *,
    interview: Interview,
    to: InterviewSlot,
    by: User,
    reason: str = "",
    now: datetime | None = None,
) -> Interview:
    """Move a booked interview to another free slot of the same mentor, in one transaction:
    the old booking is cancelled (pointing to the new one) and the new one booked, or
    neither. The other side is told once; the new booking has its own reminders."""
    now = now or timezone.now()
    locked = _lock_interview(interview)
    _require_changeable(locked, by, now)
    to = InterviewSlot.objects.select_related("participation").get(pk=to.pk)
    if to.mentor_id != locked.mentor_id or to.participation_id != locked.slot.participation_id:
        raise ValidationError("An interview moves to another slot of the same mentor.")
    if to.pk == locked.slot_id:
        raise ValidationError("That is the interview's own slot; choose another.")
    _require_bookable(to, by, now)
    _cancel(locked, by, reason, now)
    invitation = InterviewInvitation.objects.select_related("candidacy__applicant").get(
        pk=locked.invitation_id
    )
    new = _book(slot=to, invitation=invitation, by=by, now=now)
    locked.moved_to = new
    locked.save(update_fields=["moved_to"])
    old, new = _loaded(locked.pk), _loaded(new.pk)
    enqueue_dues(reminders.interview_moved(old, new))
    logger.info("%s moved interview %s to %s", by.pk, old.pk, new.pk)
    return new


# --- The organization's record ----------------------------------------------------------------


@transaction.atomic
def interview_record(*, interview: Interview, by: User, notes: str, outcome: str) -> Interview:
    """The interviewer (or an org admin) writes notes and the outcome: the organization's,
    never shown to the applicant."""
    locked = _lock_interview(interview)
    roles = roles_in(by, locked.slot.participation)
    if not permissions.may_record_interview(roles, is_its_mentor=locked.mentor_id == by.pk):
        raise ValidationError("Only the interviewer and the organization's admins record it.")
    if outcome not in Interview.Outcome.values:
        raise ValidationError("Choose an outcome from the list.")
    notes = notes.strip()
    if len(notes) > NOTES_MAX:
        raise ValidationError(f"Keep the notes under {NOTES_MAX} characters.")
    locked.notes = notes
    locked.outcome = outcome
    locked.save(update_fields=["notes", "outcome"])
    return locked
