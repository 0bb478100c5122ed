"""An internship's status: the only code that changes it, each change recorded with who, when
and why (`InternshipEvent`).

The moves allowed are `Internship.TRANSITIONS`: active -> passed midterm -> completed, and
from either running status to failed or withdrawn. Evaluations (a later part) move to passed
midterm, failed and completed through `change_status`; people end an internship early with
`withdraw`, which tells the internship's other people. Every change locks the internship's
row first, so two changes at once are made one after the other and the second sees the first
(a withdrawal and a failed midterm at the same instant cannot both be recorded).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from evaluations import permissions, reminders
from evaluations.models import Internship, InternshipEvent
from notifications.outbox import enqueue_dues
from people.models import User
from programs.roles import roles_in

REASON_MAX = 2000


def lock(internship: Internship) -> Internship:
    """The internship's row, locked until the transaction ends (PostgreSQL; SQLite writes one
    at a time anyway), read again so a change made meanwhile is seen."""
    return Internship.objects.select_for_update().get(pk=internship.pk)


@transaction.atomic
def change_status(
    *,
    internship: Internship,
    to: str,
    by: User | None,
    reason: str,
    at: datetime | None = None,
) -> InternshipEvent:
    """Move the internship to `to` and record it. `by` is None for the site's own changes (an
    evaluation deadline passing). Callers check who may make the change; this checks that the
    move is one the internship may make from where it stands now."""
    at = at or timezone.now()
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise ValidationError(f"The reason may be at most {REASON_MAX} characters.")
    locked = lock(internship)
    if to not in locked.TRANSITIONS.get(locked.status, frozenset()):
        raise ValidationError(
            f"An internship that is {locked.get_status_display().lower()} cannot become "
            f"{Internship.Status(to).label.lower()}."
        )
    event = InternshipEvent.objects.create(
        internship=locked,
        kind=InternshipEvent.Kind.STATUS,
        from_status=locked.status,
        to_status=to,
        by=by,
        at=at,
        reason=reason,
    )
    locked.status = to
    locked.status_changed_at = at
    locked.save(update_fields=["status", "status_changed_at"])
    internship.status, internship.status_changed_at = locked.status, locked.status_changed_at
    return event


@transaction.atomic
def withdraw(*, internship: Internship, by: User, reason: str) -> InternshipEvent:
    """End a running internship early: its intern, or an admin of its organization, with a
    reason (kept on the record, shown to the internship's people)."""
    roles = roles_in(by, internship.participation)
    if not permissions.may_withdraw(roles, permissions.side_of(by, internship)):
        raise ValidationError(
            "Only the intern or an admin of the organization may end the internship early."
        )
    if not reason.strip():
        raise ValidationError("Say why the internship ends early: the reason is required.")
    if internship.status not in Internship.RUNNING:
        raise ValidationError(
            f"This internship is already {internship.get_status_display().lower()}: "
            "only a running internship can be ended early."
        )
    event = change_status(
        internship=internship, to=Internship.Status.WITHDRAWN, by=by, reason=reason
    )
    enqueue_dues(reminders.internship_withdrawn(event))  # sent after commit
    return event


@transaction.atomic
def follow_selection_change(
    *,
    internship: Internship,
    selected: bool,
    by: User | None,
    reason: str,
    at: datetime | None = None,
) -> InternshipEvent | None:
    """A program admin changed a proposal's selection after the results (recorded in
    selection's SelectionChange, which checks who may): its internship follows, recorded
    here too. Deselected: an active internship is withdrawn. Selected again: an internship
    withdrawn that way comes back active (the one move back from withdrawn, and only this
    service makes it). Anything else is left as it stands (None)."""
    at = at or timezone.now()
    locked = lock(internship)
    if selected and locked.status == Internship.Status.WITHDRAWN:
        to = Internship.Status.ACTIVE
    elif not selected and locked.status == Internship.Status.ACTIVE:
        to = Internship.Status.WITHDRAWN
    else:
        return None
    event = InternshipEvent.objects.create(
        internship=locked,
        kind=InternshipEvent.Kind.STATUS,
        from_status=locked.status,
        to_status=to,
        by=by,
        at=at,
        reason=reason.strip()[:REASON_MAX],
        details={"selection_change": True},
    )
    locked.status = to
    locked.status_changed_at = at
    locked.save(update_fields=["status", "status_changed_at"])
    internship.status, internship.status_changed_at = locked.status, locked.status_changed_at
    return event
