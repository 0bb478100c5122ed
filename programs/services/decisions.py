"""A program admin's decisions on organizations: accept, reject, grant slots.

Each decision locks the rows it reads before it writes, records when and by whom, and refuses
with a message that names the organization and the numbers involved.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from notifications.outbox import enqueue_dues
from people.models import User
from programs import reminders
from programs.models import Participation, Round
from programs.overview import GRANTED_STATUS, slots_granted_in
from programs.services.checks import require_program_admin

logger = logging.getLogger(__name__)

Status = Participation.Status

# Why a decision is refused, by the participation's current status.
_NOT_DECIDABLE = {
    Status.DRAFT: "{org} has not submitted its application yet (it is a draft).",
    Status.WITHDRAWN: "{org} withdrew its application.",
    Status.ACCEPTED: "{org} is already accepted.",
    Status.REJECTED: "{org} is already rejected.",
}


def _locked(participation: Participation) -> Participation:
    """The participation re-read under a row lock: its status may have changed since the page
    was shown, and two admins may click at once."""
    return (
        Participation.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=participation.pk)
    )


def _lock_round(round_id: int) -> Round:
    """Lock the round row: every grant in a round goes through it, one at a time."""
    return Round.objects.select_for_update().get(pk=round_id)


def _decide(participation: Participation, *, to: str, by: User) -> Participation:
    locked = _locked(participation)
    if locked.status != Status.APPLIED:
        reason = _NOT_DECIDABLE[locked.status].format(org=locked.organization.name)
        verb = "accepted" if to == Status.ACCEPTED else "rejected"
        raise ValidationError(f"{reason} Only a submitted application can be {verb}.")
    locked.status = to
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    enqueue_dues(reminders.participation_decided(locked))  # the org admins, after commit
    logger.info("Participation %s %s by %s (user %s)", locked.pk, to, by.email, by.pk)
    return locked


@transaction.atomic
def participation_accept(*, participation: Participation, by: User) -> Participation:
    """Accept a submitted (applied) organization into the round."""
    require_program_admin(by=by, to="accept an organization")
    return _decide(participation, to=Status.ACCEPTED, by=by)


@transaction.atomic
def participation_reject(*, participation: Participation, by: User) -> Participation:
    """Reject a submitted (applied) organization. Nothing else ends yet: memberships and
    invitations stay as they are."""
    require_program_admin(by=by, to="reject an organization")
    return _decide(participation, to=Status.REJECTED, by=by)


@transaction.atomic
def slots_grant(*, participation: Participation, by: User, slots: int) -> Participation:
    """Set how many interns an accepted organization may take.

    1. Lock the round row, so two admins granting at once are served one after the other and
       the second one sees the first one's grant (without the lock both would read the same
       total and could overshoot the budget together).
    2. Re-read the participation: it must still be accepted.
    3. Refuse more than the organization asked for, or more than the round has left.
    """
    require_program_admin(by=by, to="grant slots")
    round_ = _lock_round(participation.round_id)
    locked = _locked(participation)
    org = locked.organization.name
    if locked.status != GRANTED_STATUS:
        raise ValidationError(
            f"{org} is {locked.get_status_display().lower()}, not accepted: "
            "slots can be granted only to an accepted organization."
        )
    if slots < 0:
        raise ValidationError(f"Slots granted cannot be negative (you entered {slots}).")
    if slots > locked.slots_max:
        raise ValidationError(
            f"{org} asked for at most {locked.slots_max} slots; you tried to grant {slots}."
        )
    granted_to_others = slots_granted_in(round_, excluding=locked)
    left = round_.total_slots - granted_to_others
    if slots > left:
        raise ValidationError(
            f"Granting {slots} slots to {org} would bring the round to "
            f"{granted_to_others + slots} of its {round_.total_slots} slots: "
            f"{granted_to_others} are granted to other organizations, so at most {left} "
            "can go to this one."
        )
    locked.slots_granted = slots
    locked.slots_decided_at = timezone.now()
    locked.slots_decided_by = by
    locked.save(update_fields=["slots_granted", "slots_decided_at", "slots_decided_by"])
    logger.info("Participation %s granted %s slots by %s", locked.pk, slots, by.pk)
    return locked
