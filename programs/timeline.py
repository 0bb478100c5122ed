"""A round's timeline: its dated milestones, in order, and the phase a moment falls in.

The phase is computed from the dates and the clock, never stored, so editing a date moves the
round at once and there is nothing to keep in sync.
"""

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from django.db import models


class Phase(models.TextChoices):
    UPCOMING = "upcoming", "Not yet open"
    ORG_APPLICATIONS = "org_applications", "Organization applications"
    ORG_REVIEW = "org_review", "Organization applications under review"
    IDEA_PROPOSALS = "idea_proposals", "Mentors propose project ideas"
    IDEAS_PUBLISHED = "ideas_published", "Project ideas published"
    APPLICATIONS = "applications", "Contribution and application period"
    REVIEW = "review", "Review and interviews"
    COMMUNITY_BONDING = "community_bonding", "Community bonding"
    CODING = "coding", "Coding"
    MIDTERM = "midterm", "Midterm evaluations"
    CODING_SECOND_HALF = "coding_second_half", "Coding, second half"
    FINAL = "final", "Final evaluations"
    WRAP_UP = "wrap_up", "Wrapping up"
    FINISHED = "finished", "Finished"


@dataclass(frozen=True)
class Milestone:
    """One date of the timeline; `starts` is the phase that begins at it."""

    field: str
    label: str
    starts: Phase
    is_deadline: bool


# The order of this list is the order the dates must keep (each no later than the next).
MILESTONES: tuple[Milestone, ...] = (
    Milestone(
        "org_applications_open", "Organization applications open", Phase.ORG_APPLICATIONS, False
    ),
    Milestone(
        "org_applications_close", "Organization application deadline", Phase.ORG_REVIEW, True
    ),
    Milestone("orgs_announced", "Accepted organizations announced", Phase.IDEA_PROPOSALS, False),
    Milestone("ideas_published", "Project ideas published", Phase.IDEAS_PUBLISHED, True),
    Milestone("applications_open", "Application period opens", Phase.APPLICATIONS, False),
    Milestone("applications_close", "Application deadline", Phase.REVIEW, True),
    Milestone("results_announced", "Results announced", Phase.COMMUNITY_BONDING, False),
    Milestone("coding_start", "Coding starts", Phase.CODING, False),
    Milestone("midterm_open", "Midterm evaluations open", Phase.MIDTERM, False),
    Milestone("midterm_close", "Midterm evaluation deadline", Phase.CODING_SECOND_HALF, True),
    Milestone("final_open", "Final evaluations open", Phase.FINAL, False),
    Milestone("final_close", "Final evaluation deadline", Phase.WRAP_UP, True),
    Milestone("ends", "Round ends", Phase.FINISHED, False),
)

MILESTONE_FIELDS: tuple[str, ...] = tuple(m.field for m in MILESTONES)


@dataclass(frozen=True)
class DatedMilestone:
    milestone: Milestone
    at: datetime
    is_past: bool

    @property
    def label(self) -> str:
        return self.milestone.label

    @property
    def is_deadline(self) -> bool:
        return self.milestone.is_deadline


def phase_at(dates: dict[str, datetime], now: datetime) -> Phase:
    """The phase in force at `now`: the one started by the last milestone at or before it.

    A milestone takes effect at its instant: one second before it, the previous phase holds.
    Two milestones on the same instant skip the phase between them.
    """
    instants = [dates[field] for field in MILESTONE_FIELDS]
    index = bisect_right(instants, now)
    return Phase.UPCOMING if index == 0 else MILESTONES[index - 1].starts


def dated_milestones(dates: dict[str, datetime], now: datetime) -> list[DatedMilestone]:
    return [DatedMilestone(m, dates[m.field], dates[m.field] <= now) for m in MILESTONES]


def next_milestone(dates: dict[str, datetime], now: datetime) -> DatedMilestone | None:
    return next((d for d in dated_milestones(dates, now) if not d.is_past), None)


def a_year_later(dates: dict[str, datetime]) -> dict[str, datetime]:
    """The same dates a calendar year later, at the same time of day in UTC; 29 February
    becomes 28 February. The order of the dates is kept (each moves by the same calendar
    year, and only a leap day can move one day less, never past the next date)."""
    return {field: _next_year(moment) for field, moment in dates.items()}


def _next_year(moment: datetime) -> datetime:
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + 1, day=28)


def order_message(earlier: Milestone, later: Milestone) -> str:
    """The one wording of the rule, for the database's constraints and the forms alike."""
    return f"“{earlier.label}” must not be after “{later.label}”."


def ordering_constraints() -> list[models.CheckConstraint]:
    """One database constraint per neighbouring pair; its message names both dates."""
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{earlier.field}__lte": models.F(later.field)}),
            name=f"round_{earlier.field}_not_after_{later.field}",
            violation_error_message=order_message(earlier, later),
        )
        for earlier, later in pairwise(MILESTONES)
    ]


def out_of_order(dates: dict[str, datetime | None]) -> dict[str, str]:
    """The dates out of place, each with one message for its own field.

    One date typed wrong breaks the pairs on both its sides, and each pair's constraint would
    say so: two messages, both naming it. Instead, the dates that keep their order are the
    longest run in timeline order that never goes back in time; each date outside it is the
    one out of place, named once, against the nearest kept date it passes. Missing dates
    (not typed, or not a date) are left to their own field's error.
    """
    given = [m for m in MILESTONES if dates.get(m.field) is not None]
    # longest[i]: the longest ordered run ending at given[i]; previous[i]: its step before.
    longest = [1] * len(given)
    previous: list[int | None] = [None] * len(given)
    for i, milestone in enumerate(given):
        for j in range(i):
            if dates[given[j].field] <= dates[milestone.field] and longest[j] + 1 > longest[i]:
                longest[i], previous[i] = longest[j] + 1, j
    kept: set[int] = set()
    at = max(range(len(given)), key=lambda i: (longest[i], -i), default=None)
    while at is not None:
        kept.add(at)
        at = previous[at]

    problems = {}
    for i, milestone in enumerate(given):
        if i in kept:
            continue
        moment = dates[milestone.field]
        before = next((given[k] for k in sorted(kept, reverse=True) if k < i), None)
        after = next((given[k] for k in sorted(kept) if k > i), None)
        if before is not None and dates[before.field] > moment:
            problems[milestone.field] = order_message(before, milestone)
        elif after is not None:
            problems[milestone.field] = order_message(milestone, after)
    return problems
