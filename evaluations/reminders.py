"""What evaluations asks notifications to send (discovered by notifications' registry, like
every app's `reminders.py`). Each kind has its templates in
templates/evaluations/emails/<kind>-subject.txt, -body.txt, -body.html.

- Both sides of an internship (the intern and each mentor), when a week's meeting is still
  not logged two days after the week ended.

Boundaries come from the internship's own dates, so an extension moves them with it; the
email names every moment in the recipient's zone (notifications renders it in their zone).
"""

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Q

from evaluations.models import Internship, WeeklyMeeting
from notifications.links import site_url
from notifications.registry import Due, kind, reminder

# === Weekly meetings: a week with no meeting logged ===========================================

MEETING_NOT_LOGGED = kind(
    "meeting_not_logged",
    label="A week of your internship with no meeting logged",
    optional=False,
    app="evaluations",
)
# Two days after a week ends, its meeting is "not logged" and both sides hear of it.
LOG_GRACE = timedelta(days=2)
WEEK = timedelta(days=7)


def week_to_remind(internship: Internship, now: datetime) -> tuple[int, datetime] | None:
    """The week whose reminder is due at `now`, with its due moment: the latest week whose
    end plus two days has come, and only until the next week's reminder is due (a week later),
    so a sweep that was stopped for days sends the latest reminder, not a pile of stale ones,
    and each week's reminder goes once at its boundary."""
    for week in range(internship.weeks, 0, -1):
        _, ends = internship.week_bounds(week)
        due = ends + LOG_GRACE
        if due <= now:
            return (week, due) if now < due + WEEK else None
    return None


@reminder
def meeting_not_logged(now: datetime) -> Iterator[Due]:
    """The intern and each mentor of a running internship, once per week that ended two days
    ago with no meeting logged. Three queries, however many internships."""
    internships = list(
        Internship.objects.running()
        .filter(
            starts_at__lte=now - LOG_GRACE,
            ends_at__gt=now - LOG_GRACE - WEEK,
        )
        .select_related("intern", "participation__round", "participation__organization")
        .prefetch_related("mentors")
        .order_by("pk")
    )
    owed = {}
    for internship in internships:
        found = week_to_remind(internship, now)
        if found is not None:
            owed[internship.pk] = (internship, *found)
    if not owed:
        return
    logged = Q()
    for pk, (_internship, week, _due) in owed.items():
        logged |= Q(internship_id=pk, week=week)
    done = set(WeeklyMeeting.objects.filter(logged).values_list("internship_id", "week"))
    for pk, (internship, week, due) in owed.items():
        if (pk, week) in done:
            continue
        starts, ends = internship.week_bounds(week)
        round_ = internship.participation.round
        context = {
            "internship": internship,
            "organization": internship.participation.organization,
            "round": round_,
            "week": week,
            "starts": starts,
            "ends": ends,
            "link": site_url("evaluations:meeting", round_.slug, internship.pk) + f"?week={week}",
        }
        for person in (internship.intern, *internship.mentors.all()):
            yield Due(
                kind=MEETING_NOT_LOGGED.name,
                recipient=person,
                about=f"internship:{pk}:week:{week}",
                due_at=due,
                context=context,
            )
