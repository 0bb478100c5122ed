"""One interview as an iCalendar file, for either side's calendar.

Times are in UTC (each calendar app shows them in its owner's zone); every text property is
added as vText, which escapes commas, semicolons and backslashes, after `one_line` turned
control characters into spaces. A moved interview is a new booking with its own UID; the old
one's file says CANCELLED, so importing it again removes the event.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from icalendar import Calendar, Event, vText

from programs.views.ical import one_line
from selection.models import Interview


def interview_uid(interview: Interview, host: str) -> str:
    return f"interview-{interview.pk}@{host}"


def interview_calendar(
    interview: Interview, *, site_url: str, link: str, now: datetime
) -> Calendar:
    host = urlsplit(site_url).hostname or "localhost"
    participation = interview.slot.participation
    organization = one_line(participation.organization.name)
    applicant = one_line(interview.applicant.name)
    mentor = one_line(interview.mentor.name)
    calendar = Calendar.new(prodid="-//Internships//Interview//EN")
    calendar.add("method", "PUBLISH")
    cancelled = interview.status == Interview.Status.CANCELLED
    event = Event.new(
        uid=interview_uid(interview, host),
        start=interview.starts_at.astimezone(UTC),
        end=interview.ends_at.astimezone(UTC),
        stamp=now.astimezone(UTC),
        url=link,
    )
    for key, value in (
        ("SUMMARY", f"Interview: {applicant} with {mentor} ({organization})"),
        ("LOCATION", one_line(interview.slot.where)),
        (
            "DESCRIPTION",
            f"{organization}, {one_line(participation.round.name)}: an interview of "
            f"{applicant} by {mentor}.\nWhere: {one_line(interview.slot.where)}\n{link}",
        ),
    ):
        event.add(key, vText(value))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # Cancelling changes the event: a higher sequence makes calendar apps take the new state.
    event.add("sequence", 1 if cancelled else 0)
    calendar.add_component(event)
    return calendar
