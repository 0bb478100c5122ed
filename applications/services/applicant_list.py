"""What a program admin's list of a round's applications reads: one page of them, found by
the applicant's name or email and filtered by the verdict, each with its submitted proposals
counted in the same query (the same queries whatever the size of the round)."""

from django.db.models import Count, Q, QuerySet

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
        .annotate(
            submitted_proposals=Count(
                "proposals", filter=Q(proposals__status=Proposal.Status.SUBMITTED)
            )
        )
        .order_by("applicant__display_name", "applicant__email", "pk")
    )
