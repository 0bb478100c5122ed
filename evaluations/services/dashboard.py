"""The evaluation dashboards: every internship of a round (program admins) or of one
organization in it (its org admins), one row each: its people, its weekly meetings (logged
out of the weeks over, the weeks without a log), the state of its midterm and its final as
`evaluations.services.outcome` computes them, and its status.

Queries do not grow with rows, nor does the work: every page is paged in the database
(count, page, its mentors, its meetings, its evaluations, its decisions). A filter on a
phase's state is a condition on that state as SQL computes it (`outcome_sql`, held to
`outcome_of` by its tests), so no filter reads the whole round into Python. The CSV reads
the same rows, streamed.

Evaluations are read without their free text (`LEAN`): no dashboard, page or CSV, shows it.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from evaluations.filters import IN_PLACE, LOCKED, MISSING, extensions, ordered
from evaluations.models import Decision, Evaluation, EvaluationPhase, Internship, WeeklyMeeting
from evaluations.services.outcome import PhaseOutcome, State, both_phases
from evaluations.services.outcome_sql import with_states
from evaluations.services.pages import NextDue, missing_weeks, next_due, weeks_of
from programs.models import Participation, Round
from programs.rules import RuleSet

PER_PAGE = 50

# The columns an outcome reads from an evaluation; never its answers.
LEAN = ("internship", "phase", "side", "result", "in_place_of_mentor")
WHO = {"mentor": "mentors", "intern": "intern"}


@dataclass(frozen=True)
class Phase:
    """One phase's cell: its computed outcome and what the table says beside it."""

    outcome: PhaseOutcome
    extended: bool

    @property
    def state(self) -> State:
        return self.outcome.state

    @property
    def missing(self) -> str:
        """Whose evaluation is missing ("mentors, intern"), or ""."""
        return ", ".join(WHO[side] for side in self.outcome.missing)

    @property
    def label(self) -> str:
        if self.missing:
            return f"{self.state.label} (missing: {self.missing})"
        return str(self.state.label)

    @property
    def locked(self) -> bool:
        return self.outcome.locked

    @property
    def in_place_of_mentor(self) -> bool:
        mentor = self.outcome.mentor
        return mentor is not None and mentor.in_place_of_mentor


@dataclass(frozen=True)
class Row:
    internship: Internship
    midterm: Phase
    final: Phase
    weeks_over: int
    logged: int
    missing: list[int]
    unconfirmed: int
    next_due: NextDue | None

    @property
    def extended(self) -> bool:
        return self.final.extended


class Line(NamedTuple):
    """One internship of the CSV."""

    internship: Internship
    midterm: Phase
    final: Phase
    mentors: list[str]
    weeks_over: int
    logged: int
    missing: list[int]


def of_round(round_: Round) -> QuerySet[Internship]:
    return Internship.objects.filter(participation__round=round_)


def of_participation(participation: Participation) -> QuerySet[Internship]:
    return Internship.objects.filter(participation=participation)


def with_extensions(queryset: QuerySet[Internship]) -> QuerySet[Internship]:
    """Whether each internship was extended: every extension moves the final window; the
    midterm's moves only when the extension says so (its `details` list the moved dates)."""
    return queryset.annotate(
        extended=Exists(extensions()),
        midterm_extended=Exists(extensions().filter(details__after__has_key="midterm_opens")),
    )


def for_rows(queryset: QuerySet[Internship]) -> QuerySet[Internship]:
    """What a page's rows show: people, organization, round, mentors, the meetings' weeks."""
    return with_extensions(
        queryset.select_related("intern", "participation__organization", "participation__round")
    ).prefetch_related(
        "mentors",
        Prefetch(
            "meetings",
            queryset=WeeklyMeeting.objects.only("pk", "internship_id", "week", "confirmed_at"),
        ),
    )


@dataclass(frozen=True)
class Evidence:
    """The evaluations (their result columns only) and decisions of a set of internships,
    read in two queries whatever its size."""

    given: dict[int, list[Evaluation]]
    decisions: dict[tuple[int, str], Decision]

    @classmethod
    def of(cls, within) -> "Evidence":
        """`within`: the internships' ids, or a subquery of them."""
        given: dict[int, list[Evaluation]] = {}
        for evaluation in Evaluation.objects.filter(internship__in=within).only(*LEAN).order_by():
            given.setdefault(evaluation.internship_id, []).append(evaluation)
        decisions = {
            (d.internship_id, d.phase): d for d in Decision.objects.filter(internship__in=within)
        }
        return cls(given, decisions)

    def outcomes(
        self, internship: Internship, *, rules: RuleSet, now: datetime
    ) -> tuple[PhaseOutcome, PhaseOutcome]:
        """Both phases' outcomes, as `outcome.phase_rows` computes them."""
        row = both_phases(
            internship,
            rules=rules,
            evaluations=self.given.get(internship.pk, []),
            decisions={
                phase: self.decisions[(internship.pk, phase)]
                for phase in EvaluationPhase.values
                if (internship.pk, phase) in self.decisions
            },
            now=now,
        )
        return row.midterm, row.final


def phase_condition(phase: str, wanted: str) -> Q:
    """The internships whose `phase` is in the state a filter asks for, over the states
    `outcome_sql.with_states` annotates ("" asks for any)."""
    if not wanted:
        return Q()
    if wanted == MISSING:
        return Q(**{f"{phase}_missing": True})
    if wanted == LOCKED:
        return Q(**{f"{phase}_decided__isnull": False})
    if wanted == IN_PLACE:
        return Q(
            Exists(
                Evaluation.objects.filter(
                    internship=OuterRef("pk"), phase=phase, in_place_of_mentor=True
                )
            )
        )
    return Q(**{f"{phase}_state": wanted})


@dataclass(frozen=True)
class Wanted:
    """The computed filters and the order, as the filter form validated them."""

    midterm: str = ""
    final: str = ""
    sort: str = ""

    @property
    def computed(self) -> bool:
        return bool(self.midterm or self.final)

    def apply(self, queryset: QuerySet[Internship], *, rules: RuleSet, now: datetime):
        """`queryset` kept to the internships whose phases are in the wanted states, in SQL
        (`outcome_sql`): the page is then paged in the database like any other."""
        if not self.computed:
            return queryset
        return with_states(queryset, rules, now).filter(
            phase_condition(EvaluationPhase.MIDTERM, self.midterm),
            phase_condition(EvaluationPhase.FINAL, self.final),
        )


def row(internship: Internship, found: tuple[PhaseOutcome, PhaseOutcome], now: datetime) -> Row:
    """One row, from what `for_rows` loaded (no query)."""
    meetings = {m.week: m for m in internship.meetings.all()}
    weeks_over = internship.weeks_ended_by(now)
    midterm, final = found
    return Row(
        internship=internship,
        midterm=Phase(midterm, extended=internship.midterm_extended),
        final=Phase(final, extended=internship.extended),
        weeks_over=weeks_over,
        logged=sum(1 for week in meetings if week <= weeks_over),
        missing=missing_weeks(internship, set(meetings), now) if internship.is_running else [],
        unconfirmed=sum(1 for m in meetings.values() if not m.is_confirmed),
        next_due=next_due(internship, weeks_of(internship, meetings, now), now),
    )


def table(
    filtered: QuerySet[Internship],
    *,
    wanted: Wanted,
    rules: RuleSet,
    page_number,
    now: datetime,
) -> tuple[Page, list[Row]]:
    """One page of the table: `filtered` is the scope with the SQL filters applied."""
    kept = wanted.apply(ordered(filtered, wanted.sort), rules=rules, now=now)
    page = Paginator(for_rows(kept), PER_PAGE).get_page(page_number)
    internships = list(page.object_list)
    evidence = Evidence.of([i.pk for i in internships])
    found = {i.pk: evidence.outcomes(i, rules=rules, now=now) for i in internships}
    return page, [row(i, found[i.pk], now) for i in internships]


def streamed(
    filtered: QuerySet[Internship], *, wanted: Wanted, rules: RuleSet, now: datetime, chunk: int
) -> Iterator[Line]:
    """Every internship of `filtered` that `wanted` keeps, in order, for the CSV: the
    internships read through one cursor `chunk` rows at a time; their mentors, meetings'
    weeks, evaluations (lean) and decisions first, one query each over the same set, so the
    queries are the same for 10 internships or 5,000."""
    filtered = wanted.apply(filtered, rules=rules, now=now)
    within = filtered.values("pk")
    mentors: dict[int, list[str]] = {}
    through = Internship.mentors.through.objects.filter(internship__in=within)
    for internship_id, name, email in through.values_list(
        "internship_id", "user__display_name", "user__email"
    ).order_by("internship_id", "user__display_name", "user__email"):
        mentors.setdefault(internship_id, []).append(name or email.split("@")[0])
    weeks: dict[int, set[int]] = {}
    for internship_id, week in (
        WeeklyMeeting.objects.filter(internship__in=within)
        .values_list("internship_id", "week")
        .order_by()
        .iterator(chunk_size=chunk)
    ):
        weeks.setdefault(internship_id, set()).add(week)
    evidence = Evidence.of(within)
    internships = with_extensions(
        ordered(filtered, wanted.sort).select_related("intern", "participation__organization")
    ).iterator(chunk_size=chunk)
    for internship in internships:
        midterm, final = evidence.outcomes(internship, rules=rules, now=now)
        logged = weeks.get(internship.pk, set())
        weeks_over = internship.weeks_ended_by(now)
        yield Line(
            internship,
            Phase(midterm, extended=internship.midterm_extended),
            Phase(final, extended=internship.extended),
            mentors.get(internship.pk, []),
            weeks_over,
            sum(1 for week in logged if week <= weeks_over),
            missing_weeks(internship, logged, now) if internship.is_running else [],
        )
