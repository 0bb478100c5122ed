"""Dates for a round placed so that a given moment falls in a given phase.

The demo data and the tests both use this, so a round "in the application period" means the
same thing on a newcomer's screen and in the suite.
"""

from datetime import datetime, time, timedelta

from programs.timeline import MILESTONES, Phase

# Days from the opening of organization applications, modelled on a Google Summer of Code year.
TYPICAL_OFFSETS_DAYS: dict[str, int] = {
    "org_applications_open": 0,
    "org_applications_close": 14,
    "orgs_announced": 28,
    "ideas_published": 35,
    "applications_open": 42,
    "applications_close": 56,
    "results_announced": 84,
    "coding_start": 105,
    "midterm_open": 147,
    "midterm_close": 154,
    "final_open": 189,
    "final_close": 196,
    "ends": 203,
}

# Deadlines fall at 18:00 UTC, as Google Summer of Code's do.
DEADLINE_TIME = time(18, 0)


def dates_from(first_day: datetime) -> dict[str, datetime]:
    """The whole timeline when organization applications open on `first_day`."""
    start = datetime.combine(first_day.date(), DEADLINE_TIME, tzinfo=first_day.tzinfo)
    return {field: start + timedelta(days=days) for field, days in TYPICAL_OFFSETS_DAYS.items()}


def dates_in_phase(phase: Phase, now: datetime) -> dict[str, datetime]:
    """A timeline on which `now` lies in the middle of `phase`."""
    if phase == Phase.UPCOMING:
        return dates_from(now + timedelta(days=10))
    if phase == Phase.FINISHED:
        return dates_from(now - timedelta(days=TYPICAL_OFFSETS_DAYS["ends"] + 30))
    fields = [m.field for m in MILESTONES]
    starting = next(m.field for m in MILESTONES if m.starts == phase)
    following = fields[fields.index(starting) + 1]
    middle = (TYPICAL_OFFSETS_DAYS[starting] + TYPICAL_OFFSETS_DAYS[following]) / 2
    return dates_from(now - timedelta(days=middle))
