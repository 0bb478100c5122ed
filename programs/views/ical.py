"""A round's timeline as an iCalendar feed, one event per milestone.

Calendar apps that subscribe re-fetch the feed and match events by UID, so a UID is built
from the round's slug and the milestone's field only: moving a date moves the event in
everybody's calendar instead of adding a second one.
"""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event, vDuration, vText

from programs.models import Round

# How often subscribed calendar apps should look for changed dates (Outlook, Apple honour it).
REFRESH_EVERY = timedelta(hours=12)


# Control characters other than the tab are not text in iCalendar (RFC 5545, TSAFE-CHAR); a
# line break inside a name would end the line a calendar app reads the name from.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def one_line(text: str) -> str:
    """A name as one line of iCalendar text: control characters (a line feed, a bare carriage
    return) become spaces, and each run of spaces one."""
    return " ".join(_CONTROL.sub(" ", text).split())


def milestone_uid(round_: Round, field: str, host: str) -> str:
    return f"round-{round_.slug}-{field}@{host}"


def round_calendar(round_: Round, *, site_url: str, now: datetime) -> Calendar:
    """The feed for `round_`; `site_url` gives the links and the UIDs' host."""
    host = urlsplit(site_url).hostname or "localhost"
    round_url = site_url + round_.get_absolute_url()
    name = one_line(round_.name)
    description = f"Timeline of {name} ({one_line(round_.program.name)}). {round_url}"
    calendar = Calendar.new(
        prodid="-//Internships//Round timeline//EN",
        uid=f"round-{round_.slug}@{host}",
        url=round_url,
    )
    # Calendar.new(name=, description=) writes the X-WR-* copies untyped, so unescaped (a line
    # feed there breaks the feed): every text property is added as vText, which escapes.
    for key, value in (
        ("NAME", name),
        ("X-WR-CALNAME", name),
        ("DESCRIPTION", description),
        ("X-WR-CALDESC", description),
    ):
        calendar.add(key, vText(value))
    calendar.add("x-published-ttl", vDuration(REFRESH_EVERY))
    for dated in round_.milestones(now):
        # A milestone is an instant: the event starts and ends on it, given in UTC.
        at = dated.at.astimezone(UTC)
        summary = f"Deadline: {dated.label}" if dated.is_deadline else dated.label
        calendar.add_component(
            Event.new(
                uid=milestone_uid(round_, dated.milestone.field, host),
                summary=f"{summary} ({name})",
                start=at,
                end=at,
                stamp=now.astimezone(UTC),
                description=f"{name}: {dated.label}.\n{round_url}",
                url=round_url,
            )
        )
    return calendar
