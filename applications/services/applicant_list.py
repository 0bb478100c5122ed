"""What a program admin's list of a round's applications reads: one page of them, found by
the applicant's name or email and filtered by the verdict, each with its submitted proposals
counted in the same query (the same queries whatever the size of the round)."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from applications.models import Application, Proposal
from programs.models import Round

APPLICATIONS_PER_PAGE = 25
# A search longer than any name or address is cut, not refused.
MAX_APPLICANT_SEARCH = 120


class Eligibility:
    """The list's filter by the program admin's verdict; anything else shows everyone."""

    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    choices = ((ELIGIBLE, "Eligible"), (INELIGIBLE, "Ineligible"))


def applications_in_round(*, round_: Round, search: str, eligibility: str) -> QuerySet[Application]:
    applications = Application.objects.filter(round=round_)
    if eligibility == Eligibility.ELIGIBLE:
        applications = applications.eligible()
    elif eligibility == Eligibility.INELIGIBLE:
        applications = applications.ineligible()
    if search:
        applications = applications.filter(
            Q(applicant__display_name__icontains=search) | Q(applicant__email__icontains=search)
        )
    return (
        applications.select_related("applicant")
        .only(
            "hours_per_week",
            "ineligible_reason",
            "round_id",
            "applicant__display_name",
            "applicant__email",
            "applicant__timezone",
        )
        .annotate(submitted_proposals=_submitted_proposals())
        # In the order they applied: read from the index in that order, a page at a time,
        # where sorting by name would sort the whole round for every page.
        .order_by("pk")
    )


def _submitted_proposals() -> Coalesce:
    """Counted per row shown, not by grouping the whole round: a subquery in the select list
    is worked out after the sort and the page's LIMIT (a GROUP BY over every application and
    its proposals made the page grow with the round: 97 ms at 20,000 applications)."""
    counted = (
        Proposal.objects.filter(application=OuterRef("pk"), status=Proposal.Status.SUBMITTED)
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
