"""A round's timeline as an iCalendar feed, one event per milestone.

Calendar apps that subscribe re-fetch the feed and match events by UID, so a UID is built
from the round's slug and the milestone's field only: moving a date moves the event in
everybody's calendar instead of adding a second one.
"""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event, vDuration

from programs.models import Round

# How often subscribed calendar apps should look for changed dates (Outlook, Apple honour it).
REFRESH_EVERY = timedelta(hours=12)


def milestone_uid(round_: Round, field: str, host: str) -> str:
    return f"round-{round_.slug}-{field}@{host}"


def round_calendar(round_: Round, *, site_url: str, now: datetime) -> Calendar:
    """The feed for `round_`; `site_url` gives the links and the UIDs' host."""
    host = urlsplit(site_url).hostname or "localhost"
    round_url = site_url + round_.get_absolute_url()
    calendar = Calendar.new(
        name=round_.name,
        description=f"Timeline of {round_.name} ({round_.program.name}). {round_url}",
        prodid="-//Internships//Round timeline//EN",
        uid=f"round-{round_.slug}@{host}",
        url=round_url,
    )
    calendar.add("x-published-ttl", vDuration(REFRESH_EVERY))
    for dated in round_.milestones(now):
        # A milestone is an instant: the event starts and ends on it, given in UTC.
        at = dated.at.astimezone(UTC)
        summary = f"Deadline: {dated.label}" if dated.is_deadline else dated.label
        calendar.add_component(
            Event.new(
                uid=milestone_uid(round_, dated.milestone.field, host),
                summary=f"{summary} ({round_.name})",
                start=at,
                end=at,
                stamp=now.astimezone(UTC),
                description=f"{round_.name}: {dated.label}.\n{round_url}",
                url=round_url,
            )
        )
    return calendar
