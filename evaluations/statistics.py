"""Interns per year per organization for a program: the "participation timeline" that
organizations show when they explain what the program has meant to them.

A round's year is the UTC year in which its coding starts. Withdrawn internships are left
out (the person never did the work); failed ones count (they were interns).
"""

from dataclasses import dataclass
from datetime import UTC

from django.db.models import Count
from django.db.models.functions import ExtractYear

from evaluations.models import Internship
from programs.models import Program


@dataclass(frozen=True)
class OrganizationRow:
    name: str
    slug: str
    counts: list[int]  # one per year of `InternsPerYear.years`
    total: int


@dataclass(frozen=True)
class InternsPerYear:
    years: list[int]
    rows: list[OrganizationRow]
    year_totals: list[int]
    total: int

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def interns_per_year(program: Program) -> InternsPerYear:
    """One aggregate query, however many organizations and years there are."""
    counted = (
        Internship.objects.filter(participation__round__program=program)
        .exclude(status=Internship.Status.WITHDRAWN)
        # UTC, not the viewer's zone (which Extract would use): a round's year is the same
        # for everybody.
        .annotate(year=ExtractYear("participation__round__coding_start", tzinfo=UTC))
        .values(
            "year",
            "participation__organization_id",
            "participation__organization__name",
            "participation__organization__slug",
        )
        .annotate(interns=Count("id"))
        .order_by()
    )
    by_org: dict[int, dict] = {}
    for row in counted:
        org = by_org.setdefault(
            row["participation__organization_id"],
            {
                "name": row["participation__organization__name"],
                "slug": row["participation__organization__slug"],
                "years": {},
            },
        )
        org["years"][row["year"]] = row["interns"]
    if not by_org:
        return InternsPerYear(years=[], rows=[], year_totals=[], total=0)

    # Every year from the first to the last, so a year without interns shows as a gap.
    seen = {year for org in by_org.values() for year in org["years"]}
    years = list(range(min(seen), max(seen) + 1))
    rows = [
        OrganizationRow(
            name=org["name"],
            slug=org["slug"],
            counts=[org["years"].get(year, 0) for year in years],
            total=sum(org["years"].values()),
        )
        for org in sorted(by_org.values(), key=lambda org: org["name"].lower())
    ]
    year_totals = [sum(row.counts[i] for row in rows) for i in range(len(years))]
    return InternsPerYear(years=years, rows=rows, year_totals=year_totals, total=sum(year_totals))
