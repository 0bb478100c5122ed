"""What the internship pages show, read in a fixed number of queries: the weeks with their
meetings (logged, confirmed, missing), the proposal's schedule beside them, what is due next
with a countdown, and the internship's record of changes.

An internship has a dozen or so weeks (a few more after an extension), so its page lists
every week; the lists of internships are paginated.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Prefetch
from django.utils.timesince import timeuntil

from evaluations import permissions
from evaluations.models import Internship, InternshipEvent, WeeklyMeeting
from evaluations.permissions import Side
from people.models import User
from programs.roles import roles_in

# A week's meeting is "missing" once its week is over; the reminder goes two days later.
LOG_GRACE = timedelta(days=2)


@dataclass(frozen=True)
class WeekRow:
    number: int
    starts: datetime
    ends: datetime
    deliverable: str
    meeting: WeeklyMeeting | None
    # upcoming, current, logged, confirmed, missing
    state: str

    @property
    def log_due(self) -> datetime:
        return self.ends + LOG_GRACE


@dataclass(frozen=True)
class NextDue:
    label: str
    at: datetime
    countdown: str


@dataclass
class InternshipPage:
    internship: Internship
    side: Side | None
    weeks: list[WeekRow]
    next_due: NextDue | None
    events: list[InternshipEvent]
    may_write: bool
    may_withdraw: bool
    may_extend: bool
    missing: list[int] = field(default_factory=list)


def _state(meeting: WeeklyMeeting | None, starts: datetime, ends: datetime, now: datetime) -> str:
    if meeting is not None:
        return "confirmed" if meeting.is_confirmed else "logged"
    if now < starts:
        return "upcoming"
    if now < ends:
        return "current"
    return "missing"


def weeks_of(
    internship: Internship,
    meetings: dict[int, WeeklyMeeting],
    now: datetime,
    deliverables: dict[int, str] | None = None,
) -> list[WeekRow]:
    rows = []
    for number in range(1, internship.weeks + 1):
        starts, ends = internship.week_bounds(number)
        meeting = meetings.get(number)
        rows.append(
            WeekRow(
                number=number,
                starts=starts,
                ends=ends,
                deliverable=(deliverables or {}).get(number, ""),
                meeting=meeting,
                state=_state(meeting, starts, ends, now),
            )
        )
    return rows


def missing_weeks(internship: Internship, logged: set[int], now: datetime) -> list[int]:
    """The weeks over with no meeting logged (only while the internship ran: a withdrawn
    internship owes no meeting after its end)."""
    return [n for n in range(1, internship.weeks_ended_by(now) + 1) if n not in logged]


def next_due(internship: Internship, weeks: list[WeekRow], now: datetime) -> NextDue | None:
    """The earliest thing ahead for this internship: a week's meeting log, the evaluation
    window that closes next, the end of the coding period."""
    if not internship.is_running:
        return None
    candidates: list[tuple[datetime, str]] = []
    for row in weeks:
        if row.meeting is None and row.starts <= now < row.log_due:
            candidates.append((row.log_due, f"Log the meeting of week {row.number}"))
    if internship.status == Internship.Status.ACTIVE and now < internship.midterm_closes:
        candidates.append((internship.midterm_closes, "Midterm evaluations close"))
    if now < internship.final_closes:
        candidates.append((internship.final_closes, "Final evaluations close"))
    if now < internship.ends_at:
        candidates.append((internship.ends_at, "Coding ends"))
    if not candidates:
        return None
    at, label = min(candidates)
    return NextDue(label=label, at=at, countdown=f"in {timeuntil(at, now)}")


def internship_page(*, internship: Internship, user: User, now: datetime) -> InternshipPage:
    """`internship` comes from `permissions.internship_for_view` (people and mentors loaded)."""
    meetings = {
        m.week: m
        for m in WeeklyMeeting.objects.filter(internship=internship).select_related(
            "written_by", "confirmed_by"
        )
    }
    deliverables: dict[int, str] = {}
    if internship.proposal_id is not None:
        deliverables = dict(internship.proposal.weeks.values_list("number", "deliverable"))
    weeks = weeks_of(internship, meetings, now, deliverables)
    side = permissions.side_of(user, internship)
    roles = roles_in(user, internship.participation)
    return InternshipPage(
        internship=internship,
        side=side,
        weeks=weeks,
        next_due=next_due(internship, weeks, now),
        events=list(internship.events.select_related("by")),
        may_write=permissions.may_write_meetings(side) and internship.is_running,
        may_withdraw=permissions.may_withdraw(roles, side) and internship.is_running,
        may_extend=permissions.may_extend(roles) and internship.is_running,
        missing=missing_weeks(internship, set(meetings), now),
    )


@dataclass(frozen=True)
class ListRow:
    internship: Internship
    side: Side | None
    missing: list[int]
    unconfirmed: int
    next_due: NextDue | None


def _listed(internships):
    return internships.select_related(
        "intern", "participation__round", "participation__organization"
    ).prefetch_related(
        "mentors",
        Prefetch(
            "meetings",
            queryset=WeeklyMeeting.objects.only("pk", "internship_id", "week", "confirmed_at"),
        ),
    )


def internships_of(user: User):
    """The person's internships, as intern or mentor, newest round first."""
    return _listed(Internship.objects.of_person(user)).order_by(
        "-starts_at", "participation__organization__name", "pk"
    )


def list_rows(internships, *, user: User, now: datetime) -> list[ListRow]:
    """One page of internships, each with its missing weeks and what is due next (from what
    was prefetched: no query per row)."""
    rows = []
    for internship in internships:
        meetings = {m.week: m for m in internship.meetings.all()}
        weeks = weeks_of(internship, meetings, now)
        rows.append(
            ListRow(
                internship=internship,
                side=permissions.side_of(user, internship),
                missing=missing_weeks(internship, set(meetings), now)
                if internship.is_running
                else [],
                unconfirmed=sum(1 for m in meetings.values() if not m.is_confirmed),
                next_due=next_due(internship, weeks, now),
            )
        )
    return rows
