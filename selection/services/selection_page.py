"""What an organization's selection page reads: its slots, and its ranked list with what the
org admins weigh before selecting (the average score, the committed mentors, the applicant's
standing at the contribution gate, their eligibility, and the other organizations that
selected them). Reads only; a fixed number of queries however long the list.

The applicant's order of preference is never read here: it is program admins' alone, and the
list's query leaves its column out, so no template of this page can show it.
"""

from dataclasses import dataclass
from datetime import UTC

from django.db.models import (
    Avg,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from applications.models import Contribution, Proposal
from applications.models.contribution import counts_toward_gate
from programs.models import Participation
from selection.models import Candidacy, Conflict, MentorCommitment, Review

ROWS_PER_PAGE = 25
# The proposal's columns the list shows; everything else (its text, and above all the
# applicant's `preference`) stays in the database.
PROPOSAL_COLUMNS = (
    "proposal__title",
    "proposal__status",
    "proposal__idea__title",
    "proposal__idea__slug",
    "proposal__application__ineligible_reason",
    "applicant__display_name",
    "applicant__email",
)


@dataclass(frozen=True)
class Slots:
    granted: int
    used: int

    @property
    def open(self) -> int:
        return max(0, self.granted - self.used)


def slots_of(participation: Participation) -> Slots:
    used = Candidacy.objects.selected().filter(participation=participation).count()
    return Slots(granted=participation.slots_granted or 0, used=used)


def _average_score():
    averaged = (
        Review.objects.filter(proposal=OuterRef("proposal"))
        .order_by()
        .values("proposal")
        .annotate(a=Avg("score"))
        .values("a")
    )
    return Subquery(averaged)


def _gate_count(participation: Participation):
    """Contributions of the row's applicant that count toward the organization's gate, by the
    rule `counts_toward_gate` states; no gate, no count."""
    if not participation.gate_contributions or participation.gate_deadline is None:
        return Value(None, output_field=IntegerField())
    counted = (
        Contribution.objects.filter(
            counts_toward_gate(participation.gate_deadline.astimezone(UTC).date()),
            participation=participation,
            applicant=OuterRef("applicant"),
        )
        .order_by()
        .values("applicant")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def ranked_list(participation: Participation, viewer) -> QuerySet[Candidacy]:
    """The organization's ranked proposals in the running, by rank, each annotated and with
    its committed mentors and the applicant's selections by other organizations in the round
    (prefetched for the page's rows only). `reviewed_by_viewer` says whether `viewer` gave
    their own score: a mentor sees the average only then (as on the review pages)."""
    round_id = participation.round_id
    others = (
        Candidacy.objects.selected()
        .filter(participation__round_id=round_id)
        .exclude(participation=participation)
        .select_related("participation__organization")
        .only("pk", "applicant_id", "participation__organization__name")
        .order_by("participation__organization__name")
    )
    return (
        Candidacy.objects.ranked()
        .in_the_running()
        .filter(participation=participation, proposal__status=Proposal.Status.SUBMITTED)
        .select_related("proposal__idea", "proposal__application", "applicant")
        .only(
            "pk",
            "participation_id",
            "applicant_id",
            "rank",
            "selected_at",
            "set_aside",
            *PROPOSAL_COLUMNS,
        )
        .annotate(
            average_score=_average_score(),
            reviewed_by_viewer=Exists(
                Review.objects.filter(proposal=OuterRef("proposal"), mentor_id=viewer.pk)
            ),
            gate_counted=_gate_count(participation),
            in_conflict=Exists(
                Conflict.objects.open().filter(round_id=round_id, applicant=OuterRef("applicant"))
            ),
        )
        .prefetch_related(
            Prefetch(
                "proposal__mentor_commitments",
                queryset=MentorCommitment.objects.select_related("mentor").only(
                    "pk", "proposal_id", "mentor__display_name", "mentor__email"
                ),
                to_attr="committed",
            ),
            Prefetch("applicant__candidacies", queryset=others, to_attr="other_selections"),
        )
        .order_by("rank", "pk")
    )
