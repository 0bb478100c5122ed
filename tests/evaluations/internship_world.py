"""Internships for the tests: one in its fifth week of coding, its people, its meetings."""

from datetime import datetime, timedelta

from django.utils import timezone

from evaluations.models import Internship, WeeklyMeeting
from evaluations.services.meetings import MeetingContent
from tests.factories import InternshipFactory

WEEK = timedelta(days=7)


def dates_from(starts: datetime, weeks: int = 12) -> dict[str, datetime]:
    """An internship's own dates: coding `weeks` weeks from `starts`, the midterm in the
    middle, the final window the week after coding."""
    return {
        "starts_at": starts,
        "ends_at": starts + weeks * WEEK,
        "midterm_opens": starts + (weeks // 2) * WEEK,
        "midterm_closes": starts + (weeks // 2 + 1) * WEEK,
        "final_opens": starts + weeks * WEEK,
        "final_closes": starts + (weeks + 1) * WEEK,
    }


def running_internship(participation, intern, mentors=(), *, weeks_in: float = 4.5, **extra):
    """An internship `weeks_in` weeks into its coding period (so weeks 1 to 4 are over)."""
    starts = timezone.now() - timedelta(days=7 * weeks_in)
    internship = InternshipFactory(
        participation=participation, intern=intern, **{**dates_from(starts), **extra}
    )
    internship.mentors.set(mentors)
    return Internship.objects.get(pk=internship.pk)


def content(**changes) -> MeetingContent:
    values = {
        "held_at": timezone.now() - timedelta(days=1),
        "attendees": "Ana and Mira",
        "progress": "The backup job runs end to end.",
        "blockers": "Waiting for review of the block series.",
        "next_steps": "Incremental mode.",
    }
    return MeetingContent(**{**values, **changes})


def meeting(internship, week: int, by, *, confirmed_by=None) -> WeeklyMeeting:
    """A meeting row as the service would leave it (for pages and reminders)."""
    now = timezone.now()
    starts, _ = internship.week_bounds(week)
    return WeeklyMeeting.objects.create(
        internship=internship,
        week=week,
        held_at=starts + timedelta(days=1),
        attendees="Ana and Mira",
        progress=f"Progress of week {week}.",
        written_by=by,
        written_at=now,
        updated_at=now,
        confirmed_by=confirmed_by,
        confirmed_at=now if confirmed_by else None,
    )
