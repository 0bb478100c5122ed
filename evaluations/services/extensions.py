"""Extending one internship (illness, exams): a program admin moves its end and its final
evaluation window later, and its midterm window too while the midterm is still ahead. The
round's dates never change; the weekly meetings and their reminders follow the internship's
own dates, so they follow the extension at once.

The round's rules bound it: at most `rules.extension_max_weeks`; only before the window it
moves opens (the final window, always; the midterm window too when asked), so an evaluation
under way never changes its deadline; and only until the round's cutoff
(`final_close - rules.extension_cutoff_days`). Refusals name moments in the admin's zone.

Recorded as an `InternshipEvent` of kind "extension": who, when, why, and the dates before
and after (`details`).
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from evaluations import permissions
from evaluations.models import Internship, InternshipEvent
from evaluations.services.internships import REASON_MAX, lock
from people.dates import moment_for
from people.models import User
from programs.roles import roles_in

MOVED = ("ends_at", "final_opens", "final_closes")
MIDTERM = ("midterm_opens", "midterm_closes")


@transaction.atomic
def extend(
    *, internship: Internship, by: User, weeks: int, reason: str, midterm: bool = False
) -> InternshipEvent:
    """Move the internship's end and final window `weeks` later; with `midterm`, its midterm
    window too (refused once the midterm window has opened)."""
    # Program admins: the program pays the stipends by these dates.
    if not permissions.may_extend(roles_in(by, internship.participation)):
        raise ValidationError("Only program admins extend an internship.")
    round_ = internship.participation.round
    rules = round_.rules
    if not 1 <= weeks <= rules.extension_max_weeks:
        raise ValidationError(
            f"An extension is 1 to {rules.extension_max_weeks} weeks in this round."
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the internship is extended: the reason is required.")
    if len(reason) > REASON_MAX:
        raise ValidationError(f"The reason may be at most {REASON_MAX} characters.")
    locked = lock(internship)
    now = timezone.now()  # read under the lock: the checks below are against this moment
    if not locked.is_running:
        raise ValidationError(
            f"This internship is {locked.get_status_display().lower()}: only a running "
            "internship is extended."
        )
    cutoff = round_.final_close - timedelta(days=rules.extension_cutoff_days)
    if now >= cutoff:
        raise ValidationError(
            f"The round's last day for extensions was {moment_for(by, cutoff)}: it is too "
            "late to extend."
        )
    if locked.final_opens <= now:
        raise ValidationError(
            f"The final evaluation window opened {moment_for(by, locked.final_opens)}: an "
            "evaluation under way keeps its deadline."
        )
    # The round's limit is for the internship, not for each extension: what was granted
    # before counts (read under the lock, so two admins at once cannot each grant the most).
    granted = sum(
        event.details.get("weeks", 0)
        for event in locked.events.filter(kind=InternshipEvent.Kind.EXTENSION)
    )
    if granted + weeks > rules.extension_max_weeks:
        left = rules.extension_max_weeks - granted
        raise ValidationError(
            f"This internship was extended by {granted} week{'s' if granted != 1 else ''} "
            f"already, and the round allows {rules.extension_max_weeks} in all: "
            + (f"at most {left} more." if left > 0 else "no more.")
        )
    if midterm and locked.midterm_opens <= now:
        raise ValidationError(
            "The midterm window opened "
            f"{moment_for(by, locked.midterm_opens)}: extend the end and the final window only."
        )
    shifted = shift(
        locked,
        fields=MOVED + (MIDTERM if midterm else ()),
        weeks=weeks,
        by=by,
        reason=reason,
        at=now,
    )
    for name in MOVED + MIDTERM:
        setattr(internship, name, getattr(locked, name))
    return shifted


def shift(
    internship: Internship,
    *,
    fields: tuple[str, ...],
    weeks: int,
    by: User,
    reason: str,
    at: datetime,
) -> InternshipEvent:
    """Move `fields` of the (locked) internship `weeks` later and record it, with the dates
    before and after: what an extension does once `extend` has found it allowed."""
    before = {name: getattr(internship, name) for name in fields}
    for name in fields:
        setattr(internship, name, before[name] + timedelta(weeks=weeks))
    internship.save(update_fields=list(fields))
    return InternshipEvent.objects.create(
        internship=internship,
        kind=InternshipEvent.Kind.EXTENSION,
        from_status=internship.status,
        to_status=internship.status,
        by=by,
        at=at,
        reason=reason,
        details={
            "weeks": weeks,
            "before": {name: value.isoformat() for name, value in before.items()},
            "after": {name: getattr(internship, name).isoformat() for name in fields},
        },
    )
