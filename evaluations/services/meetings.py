"""Weekly meetings: the intern or a mentor logs the week's meeting, either side edits it until
the other side confirms it, and a confirmed log is the record (no more edits).

The rules, each the server's:
- Only the internship's two sides write (org admins and program admins read).
- A week can be logged once it has started, while the internship runs; its meeting cannot
  be dated in the future or before the internship started.
- One log per week: the internship's row is locked while checking, and the unique
  constraint (internship, week) backs it, so two people logging week 5 at once get one log
  and a clear refusal, never two logs or an error page.
- Confirming is the other side's: the writer's side never confirms its own words. A confirm
  carries the moment of the version the person read, so an edit made meanwhile is not
  confirmed unread.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluations import permissions
from evaluations.models import Internship, WeeklyMeeting
from evaluations.permissions import Side
from evaluations.services.internships import lock
from people.dates import moment_for
from people.models import User


@dataclass(frozen=True)
class MeetingContent:
    held_at: datetime
    attendees: str
    progress: str
    blockers: str = ""
    next_steps: str = ""


def _side(by: User, internship: Internship) -> Side:
    side = permissions.side_of(by, internship)
    if not permissions.may_write_meetings(side):
        raise ValidationError("Only the intern and the mentors write their weekly meetings.")
    return side


def _check_content(*, internship: Internship, week: int, content: MeetingContent, by: User, now):
    if not internship.is_running:
        raise ValidationError(
            f"This internship is {internship.get_status_display().lower()}: its meetings log "
            "is closed."
        )
    if not 1 <= week <= internship.weeks:
        raise ValidationError(f"This internship has weeks 1 to {internship.weeks}.")
    week_starts, _ = internship.week_bounds(week)
    if now < week_starts:
        raise ValidationError(
            f"Week {week} starts {moment_for(by, week_starts)}: log its meeting from then on."
        )
    if content.held_at > now:
        raise ValidationError("The meeting cannot be dated in the future.")
    if content.held_at < internship.starts_at:
        raise ValidationError(
            "The meeting cannot be dated before the internship started "
            f"({moment_for(by, internship.starts_at)})."
        )
    if not content.progress.strip():
        raise ValidationError("Say what progress was made: the progress is required.")


def _side_of_writer(meeting: WeeklyMeeting, internship: Internship) -> Side | None:
    return Side.INTERN if meeting.written_by_id == internship.intern_id else Side.MENTOR


@transaction.atomic
def log_meeting(
    *, internship: Internship, week: int, by: User, content: MeetingContent
) -> WeeklyMeeting:
    """The week's first log, by either side."""
    _side(by, internship)
    now = timezone.now()
    locked = lock(internship)
    _check_content(internship=locked, week=week, content=content, by=by, now=now)
    if WeeklyMeeting.objects.filter(internship=locked, week=week).exists():
        raise ValidationError(
            f"Week {week} already has a meeting logged: open it to edit or confirm it."
        )
    try:
        with transaction.atomic():
            return WeeklyMeeting.objects.create(
                internship=locked,
                week=week,
                held_at=content.held_at,
                attendees=content.attendees.strip(),
                progress=content.progress.strip(),
                blockers=content.blockers.strip(),
                next_steps=content.next_steps.strip(),
                written_by=by,
                written_at=now,
                updated_at=now,
            )
    except IntegrityError:
        # Only reachable if the lock was bypassed (a database without row locks).
        raise ValidationError(
            f"Week {week} already has a meeting logged: open it to edit or confirm it."
        ) from None


@transaction.atomic
def edit_meeting(*, meeting: WeeklyMeeting, by: User, content: MeetingContent) -> WeeklyMeeting:
    """Either side corrects the log until it is confirmed; the editor becomes its writer, so
    the other side confirms the words as they now stand."""
    internship = meeting.internship
    _side(by, internship)
    now = timezone.now()
    locked = lock(internship)
    current = WeeklyMeeting.objects.get(pk=meeting.pk)
    if current.is_confirmed:
        raise ValidationError(
            f"Week {current.week}'s meeting is confirmed: its log can no longer change."
        )
    _check_content(internship=locked, week=current.week, content=content, by=by, now=now)
    current.held_at = content.held_at
    current.attendees = content.attendees.strip()
    current.progress = content.progress.strip()
    current.blockers = content.blockers.strip()
    current.next_steps = content.next_steps.strip()
    current.written_by = by
    current.updated_at = now
    current.save()
    return current


@transaction.atomic
def confirm_meeting(
    *, meeting: WeeklyMeeting, by: User, seen: datetime | None = None
) -> WeeklyMeeting:
    """The other side confirms the log as they read it (`seen`: its `updated_at` then)."""
    internship = meeting.internship
    side = _side(by, internship)
    lock(internship)
    current = WeeklyMeeting.objects.get(pk=meeting.pk)
    if current.is_confirmed:
        raise ValidationError(f"Week {current.week}'s meeting is already confirmed.")
    if side == _side_of_writer(current, internship):
        raise ValidationError(
            "The other side confirms a meeting log: "
            + ("a mentor" if side == Side.INTERN else "the intern")
            + " must confirm this one."
        )
    if seen is not None and seen != current.updated_at:
        raise ValidationError(
            f"Week {current.week}'s log changed since you read it: read it again, then confirm."
        )
    current.confirmed_by = by
    current.confirmed_at = timezone.now()
    current.save(update_fields=["confirmed_by", "confirmed_at"])
    return current
