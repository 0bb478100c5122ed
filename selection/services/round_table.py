"""What the program admins' selection table of a round reads: one row per accepted
organization with its slots granted, its selections and its open conflicts, counted by the
database (annotations, never a query per row), searchable by name and paginated; the
round's totals; and its open conflicts, the oldest first, paginated apart.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce

from programs.models import Participation, Round
from selection.models import Candidacy, Conflict

ROWS_PER_PAGE = 50
CONFLICTS_PER_PAGE = 20
# A search longer than any organization's name finds nothing; cut it rather than send it.
MAX_SEARCH = 100


def participation_rows(*, round_: Round, search: str = "") -> QuerySet[Participation]:
    """The round's accepted organizations by name, searchable. Counted per page, not here
    (`count_page`): an annotation would make the paginator's count and the page's sort work
    out every organization's selections and conflicts (1.3 s at 1,000 organizations)."""
    rows = (
        Participation.objects.accepted()
        .filter(round=round_)
        .select_related("organization")
        .only("pk", "round_id", "slots_granted", "organization__name", "organization__slug")
        .order_by("organization__name", "pk")
    )
    search = search.strip()[:MAX_SEARCH]
    if search:
        rows = rows.filter(organization__name__icontains=search)
    return rows


def count_page(rows: list[Participation], round_: Round) -> list[Participation]:
    """Each row of one page with its `selected` and `open_conflicts` (open conflicts of the
    round whose applicant the organization selected): two grouped queries for the page."""
    pks = [row.pk for row in rows]
    chosen = Candidacy.objects.selected().filter(participation_id__in=pks).order_by()
    selected = dict(
        chosen.values("participation").annotate(n=Count("pk")).values_list("participation", "n")
    )
    in_conflict = dict(
        chosen.filter(
            applicant__in=Conflict.objects.open().filter(round=round_).values("applicant")
        )
        .values("participation")
        .annotate(n=Count("applicant", distinct=True))
        .values_list("participation", "n")
    )
    for row in rows:
        row.selected = selected.get(row.pk, 0)
        row.open_conflicts = in_conflict.get(row.pk, 0)
    return rows


@dataclass(frozen=True)
class Totals:
    organizations: int
    slots_granted: int
    selected: int


def totals(round_: Round) -> Totals:
    """The round's figures, in two queries (its open conflicts are counted by their list)."""
    figures = (
        Participation.objects.accepted()
        .filter(round=round_)
        .aggregate(organizations=Count("pk"), slots=Coalesce(Sum("slots_granted"), 0))
    )
    selections = Candidacy.objects.selected().filter(participation__round=round_).order_by().count()
    return Totals(
        organizations=figures["organizations"],
        slots_granted=figures["slots"],
        selected=selections,
    )


def open_conflicts(round_: Round) -> QuerySet[Conflict]:
    """The round's open conflicts, the oldest first, each with the organizations that selected
    the applicant (prefetched: one query for all the rows of a page)."""
    selections = (
        Candidacy.objects.selected()
        .filter(participation__round=round_)
        .select_related("participation__organization")
        .order_by("participation__organization__name")
    )
    return (
        Conflict.objects.open()
        .filter(round=round_)
        .select_related("applicant")
        .prefetch_related(
            Prefetch("applicant__candidacies", queryset=selections, to_attr="selections")
        )
        .order_by("opened_at", "pk")
    )
