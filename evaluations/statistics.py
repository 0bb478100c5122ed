"""Interns per year per organization for a program: the "participation timeline" that
organizations show when they explain what the program has meant to them.

A round's year is the UTC year in which its coding starts. Withdrawn internships are left
out (the person never did the work); failed ones count (they were interns). Beside each
count, how many of those internships completed (passed the final): counted in the same
queries, as a conditional count, so the table costs no query more.

A program may have had thousands of organizations: the table shows the largest ones, each
with its row, and folds the rest into one row, so neither the page nor the work behind it
grows with the program's history. Every query returns at most a few rows per year.
"""

from dataclasses import dataclass, field
from datetime import UTC

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from evaluations.models import Internship
from programs.models import Program

# The organizations with the most interns get a row each; the rest share one.
LARGEST_ORGANIZATIONS = 20

ORG = "participation__organization_id"
# The interns who completed, counted beside all of them.
COMPLETED = Count("id", filter=Q(status=Internship.Status.COMPLETED))


@dataclass(frozen=True)
class OrganizationRow:
    name: str
    slug: str
    counts: list[int]  # one per year of `InternsPerYear.years`
    total: int
    completed: int = 0  # of `total`, the internships that completed


@dataclass(frozen=True)
class InternsPerYear:
    years: list[int]
    rows: list[OrganizationRow]  # the largest organizations, most interns first
    year_totals: list[int]
    total: int
    # The organizations folded into one line after `rows`, and their interns per year.
    folded: int = 0
    folded_counts: list[int] = field(default_factory=list)
    # Of `year_totals` and `total`, the internships that completed.
    completed_totals: list[int] = field(default_factory=list)
    completed: int = 0
    folded_completed: int = 0

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    @property
    def organizations(self) -> int:
        return len(self.rows) + self.folded

    @property
    def folded_total(self) -> int:
        return sum(self.folded_counts)


def _counted(program: Program) -> QuerySet[Internship]:
    return (
        Internship.objects.filter(participation__round__program=program)
        .exclude(status=Internship.Status.WITHDRAWN)
        # UTC, not the viewer's zone (which Extract would use): a round's year is the same
        # for everybody.
        .annotate(year=ExtractYear("participation__round__coding_start", tzinfo=UTC))
        .order_by()
    )


def interns_per_year(program: Program, *, largest: int = LARGEST_ORGANIZATIONS) -> InternsPerYear:
    """Four aggregate queries, however many organizations and years there are: the totals
    per year, how many organizations, the largest ones, and their interns per year."""
    counted = _counted(program)
    per_year, completed_per_year = {}, {}
    for row in counted.values("year").annotate(interns=Count("id"), completed=COMPLETED):
        per_year[row["year"]] = row["interns"]
        completed_per_year[row["year"]] = row["completed"]
    if not per_year:
        return InternsPerYear(years=[], rows=[], year_totals=[], total=0)
    organizations = counted.aggregate(n=Count(ORG, distinct=True))["n"]
    biggest = list(
        counted.values(
            ORG, "participation__organization__name", "participation__organization__slug"
        )
        .annotate(interns=Count("id"), completed=COMPLETED)
        .order_by("-interns", "participation__organization__name")[:largest]
    )
    by_org_year = {
        (row[ORG], row["year"]): row["interns"]
        for row in counted.filter(**{f"{ORG}__in": [org[ORG] for org in biggest]})
        .values(ORG, "year")
        .annotate(interns=Count("id"))
    }

    # Every year from the first to the last, so a year without interns shows as a gap.
    years = list(range(min(per_year), max(per_year) + 1))
    year_totals = [per_year.get(year, 0) for year in years]
    rows = [
        OrganizationRow(
            name=org["participation__organization__name"],
            slug=org["participation__organization__slug"],
            counts=[by_org_year.get((org[ORG], year), 0) for year in years],
            total=org["interns"],
            completed=org["completed"],
        )
        for org in biggest
    ]
    completed_totals = [completed_per_year.get(year, 0) for year in years]
    folded_counts = [
        total - sum(row.counts[i] for row in rows) for i, total in enumerate(year_totals)
    ]
    folded = organizations - len(rows)
    return InternsPerYear(
        years=years,
        rows=rows,
        year_totals=year_totals,
        total=sum(year_totals),
        folded=folded,
        folded_counts=folded_counts if folded else [],
        completed_totals=completed_totals,
        completed=sum(completed_totals),
        folded_completed=sum(completed_totals) - sum(row.completed for row in rows),
    )
