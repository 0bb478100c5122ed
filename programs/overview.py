"""Read queries for the program admin's pages: counts as annotations, never one query per row.

Each function returns a queryset whose cost does not grow with the number of rounds,
organizations or memberships: the counting happens in the database, in the same query.
"""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from programs.models import Membership, Participation, Program, Round

# Granted slots count against the round's budget only while the organization is accepted:
# an organization that withdraws after a grant gives its slots back.
GRANTED_STATUS = Participation.Status.ACCEPTED


def rounds_with_counts() -> QuerySet[Round]:
    """Rounds with one count per participation status and the slots granted so far.

    Each count is a subquery per round on the index of participations by round and status
    (which carries the slots granted), read without the table: grouping a join of every
    round with all its participations hashed the program's whole history on each visit
    (6,000 participations at the benchmark's SCALE=1, 1.26x its time at a tenth of that).
    """

    def of_round(status: str):
        return Participation.objects.filter(round=OuterRef("pk"), status=status).order_by()

    def counted(status: str) -> Coalesce:
        rows = of_round(status).values("round").annotate(n=Count("*")).values("n")
        return Coalesce(Subquery(rows), 0)

    granted = of_round(GRANTED_STATUS).values("round").annotate(n=Sum("slots_granted"))
    return Round.objects.annotate(
        **{f"count_{status}": counted(status) for status in Participation.Status.values},
        slots_granted_total=Subquery(granted.values("n")),
    ).order_by("-coding_start")


def programs_with_rounds() -> QuerySet[Program]:
    """Every program (also those without a round yet), each with its counted rounds: 2 queries."""
    return Program.objects.prefetch_related(
        Prefetch("rounds", queryset=rounds_with_counts(), to_attr="counted_rounds")
    ).order_by("name")


def participation_counts(round_: Round) -> dict[str, int]:
    """How many of the round's participations stand in each status (and `all`), and
    `slots_granted`, the slots granted to its accepted organizations: one query."""
    counted = Participation.objects.filter(round=round_).aggregate(
        all=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in Participation.Status.values},
        slots_granted=Sum("slots_granted", filter=Q(status=GRANTED_STATUS)),
    )
    return {key: value or 0 for key, value in counted.items()}


def participations_with_people(
    round_: Round, *, status: str = "", search: str = ""
) -> QuerySet[Participation]:
    """A round's participations (in one status, whose name contains `search`, if given)
    with their active org admins and mentors counted.

    Counted by a subquery per row, not a join grouped over the round: a page of them is
    sorted and cut first, and only its rows are counted (a paginator's count leaves the
    subqueries out).
    """
    participations = Participation.objects.filter(round=round_)
    if status:
        participations = participations.filter(status=status)
    if search:
        participations = participations.filter(organization__name__icontains=search)
    return (
        participations.select_related("organization")
        .annotate(
            org_admin_count=active_members(Membership.Role.ORG_ADMIN),
            mentor_count=active_members(Membership.Role.MENTOR),
        )
        .order_by("organization__name", "pk")
    )


def active_members(role: str) -> Coalesce:
    """How many active members in `role` the participation of the row has: a subquery per
    row, so a page of participations is cut first and only its rows are counted."""
    counted = (
        Membership.objects.filter(
            participation=OuterRef("pk"), role=role, status=Membership.Status.ACTIVE
        )
        .order_by()
        .values("participation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def slots_granted_in(round_: Round, *, excluding: Participation | None = None) -> int:
    """Slots granted to the round's accepted organizations (optionally leaving one out)."""
    granted = Participation.objects.filter(round=round_, status=GRANTED_STATUS)
    if excluding is not None:
        granted = granted.exclude(pk=excluding.pk)
    return granted.aggregate(total=Sum("slots_granted"))["total"] or 0


def latest_round_of_each_program() -> QuerySet[Round]:
    """The most recent round (by coding start) of every program that had one: one query, the
    starting points the round opening page offers."""
    latest = Round.objects.filter(program=OuterRef("program")).order_by("-coding_start", "-pk")
    return (
        Round.objects.filter(pk=Subquery(latest.values("pk")[:1]))
        .select_related("program")
        .order_by("program__name")
    )
