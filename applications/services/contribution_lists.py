"""An organization's contributions as its mentors review them: one verdict at a time, the
unreviewed first (the oldest has waited longest), then the confirmed or rejected ones (the
latest verdict first). Access is applications.permissions'."""

from django.db.models import Count, Q, QuerySet

from applications.models import Contribution
from programs.models import Participation

Verdict = Contribution.Verdict
CONTRIBUTIONS_PER_PAGE = 25
# The filter's order on the page, and its default: what waits for a mentor comes first.
VERDICTS = [Verdict.UNREVIEWED, Verdict.CONFIRMED, Verdict.REJECTED]


def verdict_from(value: str) -> str:
    """The filter a request asks for; anything else is the default (never an error)."""
    return value if value in Verdict.values else Verdict.UNREVIEWED


def contributions_with_verdict(*, participation: Participation, verdict: str) -> QuerySet:
    """The rows of one page of the list, with their applicant and reviewer in the same query."""
    rows = Contribution.objects.filter(participation=participation, verdict=verdict)
    if verdict == Verdict.UNREVIEWED:
        rows = rows.order_by("created_at", "pk")
    else:
        rows = rows.order_by("-reviewed_at", "-pk")
    return rows.select_related("applicant", "reviewed_by")


def verdict_counts(participation: Participation) -> dict[str, int]:
    """{verdict: how many} for the filter's tabs, in one query."""
    counts = Contribution.objects.filter(participation=participation).aggregate(
        **{verdict: Count("pk", filter=Q(verdict=verdict)) for verdict in VERDICTS}
    )
    return {verdict: counts[verdict] or 0 for verdict in VERDICTS}


def unreviewed_count(participation: Participation) -> int:
    """The contributions to the organization no mentor has confirmed or rejected yet."""
    return Contribution.objects.filter(
        participation=participation, verdict=Verdict.UNREVIEWED
    ).count()
