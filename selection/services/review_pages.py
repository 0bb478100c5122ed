"""What the review list, a proposal's review page and the ranking read: a fixed number of
queries however many proposals an organization holds (averages and counts by subquery,
committed mentors by prefetch, one page at a time).

A mentor sees the others' scores on a proposal only once they gave their own: the rows carry
the average only where the viewer may see it (`scores_shown`), and the templates never read
a score that is not.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from applications.models import Commitment, Proposal
from applications.services.dashboard import ProposalListRow, proposal_rows
from people.models import User
from programs.models import Participation
from programs.roles import Roles
from projects.models import ProjectIdea
from selection.models import Candidacy, Criterion, MentorCommitment, Review
from selection.permissions import reviewable_proposals, sees_other_proposals, sees_scores_at_once

PER_PAGE = 25

# The states the list filters on ("" is the default: submitted and in the running).
IN_THE_RUNNING = Q(candidacy__isnull=True) | Q(candidacy__set_aside="")


def _average():
    return Subquery(
        Review.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(a=Avg("score"))
        .values("a"),
        output_field=DecimalField(max_digits=3, decimal_places=2),
    )


def _count(model, **outer):
    counted = (
        model.objects.filter(proposal=OuterRef("pk"), **outer)
        .order_by()
        .values("proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_scores(
    proposals: QuerySet[Proposal], viewer: User, *, with_commitments: bool = False
) -> QuerySet[Proposal]:
    """Each proposal with its average score, its number of reviews, the viewer's own score,
    its candidacy (flags, rank) and its committed mentors, in two queries for a page (and a
    third for the applicants' other commitments, which only the review list shows)."""
    mine = Review.objects.filter(proposal=OuterRef("pk"), mentor=viewer).values("score")[:1]
    proposals = (
        proposals.select_related("applicant", "idea", "application", "candidacy")
        .defer("preference", "problem", "outline", "commitments", "links")
        .annotate(
            average=_average(),
            reviews_count=_count(Review),
            my_score=Subquery(mine, output_field=DecimalField(max_digits=3, decimal_places=2)),
        )
        .prefetch_related(
            Prefetch(
                "mentor_commitments",
                queryset=MentorCommitment.objects.select_related("mentor").order_by(
                    "created_at", "pk"
                ),
            )
        )
    )
    if with_commitments:
        # The applicant's other commitments (exams, work), which the list's rows show.
        proposals = proposals.prefetch_related(
            Prefetch("application__commitments", queryset=Commitment.objects.order_by("starts_on"))
        )
    return proposals


def filtered(
    participation: Participation, viewer: User, *, idea: ProjectIdea | None, state: str
) -> QuerySet[Proposal]:
    proposals = reviewable_proposals(participation)
    if idea is not None:
        proposals = proposals.filter(idea=idea)
    submitted = Q(status=Proposal.Status.SUBMITTED)
    mine = Review.objects.filter(proposal=OuterRef("pk"), mentor=viewer)
    committed = MentorCommitment.objects.filter(proposal=OuterRef("pk"))
    conditions = {
        "": submitted & IN_THE_RUNNING,
        "unscored": submitted & IN_THE_RUNNING & ~Exists(mine),
        "interview": submitted & Q(candidacy__interview_flagged_at__isnull=False),
        "committed": submitted & IN_THE_RUNNING & Exists(committed),
        "set_aside": ~Q(candidacy__set_aside=""),
        "withdrawn": Q(status=Proposal.Status.WITHDRAWN),
        "all": Q(),
    }
    proposals = proposals.filter(conditions.get(state, conditions[""]))
    if state == "set_aside":
        proposals = proposals.filter(candidacy__isnull=False)
    return with_scores(proposals, viewer, with_commitments=True).order_by("submitted_at", "pk")


@dataclass(frozen=True)
class ReviewRow:
    proposal: Proposal
    listing: ProposalListRow  # hours, commitments in coding, contributions (the old list's)
    candidacy: Candidacy | None
    mentors: list[User]
    # The average and the count, shown only to those who may see the others' scores.
    scores_shown: bool

    @property
    def average(self):
        return self.proposal.average if self.scores_shown else None


def candidacy_or_none(proposal: Proposal) -> Candidacy | None:
    try:
        return proposal.candidacy
    except Candidacy.DoesNotExist:
        return None


def review_rows(
    *, participation: Participation, viewer: User, roles: Roles, proposals: list[Proposal]
) -> list[ReviewRow]:
    at_once = sees_scores_at_once(roles)
    listings = proposal_rows(participation=participation, proposals=proposals)
    return [
        ReviewRow(
            proposal=p,
            listing=listing,
            candidacy=candidacy_or_none(p),
            mentors=[c.mentor for c in p.mentor_commitments.all()],
            scores_shown=at_once or p.my_score is not None,
        )
        for p, listing in zip(proposals, listings, strict=True)
    ]


def ideas_with_proposals(participation: Participation) -> QuerySet[ProjectIdea]:
    """The filter's choices: the organization's ideas that received a proposal."""
    return (
        ProjectIdea.objects.filter(
            participation=participation, proposals__submitted_at__isnull=False
        )
        .distinct()
        .order_by("title", "pk")
        .only("title", "slug")
    )


# --- One proposal's review page ----------------------------------------------------------------


@dataclass
class ReviewPage:
    proposal: Proposal
    criteria: list[Criterion]
    mine: Review | None
    # The other reviews, with their marks: empty while the viewer may not see them.
    others: list[Review]
    others_hidden: int
    candidacy: Candidacy | None
    mentors: list[User]
    committed: bool
    # Org admins and program admins: the applicant's proposals to other organizations of
    # the round, as a count per state (never which organization, never their contents);
    # None for mentors.
    elsewhere: dict[str, int] | None = None
    average: Decimal | None = None


def review_page(*, proposal: Proposal, viewer: User, roles: Roles) -> ReviewPage:
    participation = proposal.idea.participation
    criteria = list(Criterion.objects.filter(participation=participation))
    reviews = list(
        Review.objects.filter(proposal=proposal)
        .select_related("mentor")
        .prefetch_related("marks__criterion")
        .order_by("created_at", "pk")
    )
    mine = next((r for r in reviews if r.mentor_id == viewer.pk), None)
    others = [r for r in reviews if r.mentor_id != viewer.pk]
    shown = sees_scores_at_once(roles) or mine is not None
    commitments = list(
        MentorCommitment.objects.filter(proposal=proposal)
        .select_related("mentor")
        .order_by("created_at", "pk")
    )
    page = ReviewPage(
        proposal=proposal,
        criteria=criteria,
        mine=mine,
        others=others if shown else [],
        others_hidden=0 if shown else len(others),
        candidacy=Candidacy.objects.filter(proposal=proposal).first(),
        mentors=[c.mentor for c in commitments],
        committed=any(c.mentor_id == viewer.pk for c in commitments),
    )
    if shown and reviews:
        page.average = (sum(r.score for r in reviews) / len(reviews)).quantize(Decimal("0.01"))
    if sees_other_proposals(roles):
        states = (
            Proposal.objects.filter(
                applicant_id=proposal.applicant_id,
                application__round_id=participation.round_id,
                submitted_at__isnull=False,
            )
            .exclude(idea__participation=participation)
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
        )
        labels = dict(Proposal.Status.choices)
        page.elsewhere = {labels[row["status"]]: row["n"] for row in states}
    return page


# --- The ranking -------------------------------------------------------------------------------


def ranked(participation: Participation, viewer: User) -> QuerySet[Proposal]:
    """The organization's ranked proposals, first first."""
    return with_scores(
        reviewable_proposals(participation).filter(candidacy__rank__isnull=False), viewer
    ).order_by("candidacy__rank")


def rankable(participation: Participation, viewer: User) -> QuerySet[Proposal]:
    """Submitted proposals in the running that a mentor committed to and are not ranked yet:
    what an org admin may add at the end."""
    committed = MentorCommitment.objects.filter(proposal=OuterRef("pk"))
    return with_scores(
        reviewable_proposals(participation)
        .filter(status=Proposal.Status.SUBMITTED)
        .filter(IN_THE_RUNNING)
        .filter(Q(candidacy__isnull=True) | Q(candidacy__rank__isnull=True))
        .filter(Exists(committed)),
        viewer,
    ).order_by("submitted_at", "pk")


@dataclass(frozen=True)
class RankingRow:
    proposal: Proposal
    candidacy: Candidacy | None
    mentors: list[User]
    scores_shown: bool

    @property
    def average(self):
        return self.proposal.average if self.scores_shown else None


def ranking_rows(*, roles: Roles, proposals: list[Proposal]) -> list[RankingRow]:
    at_once = sees_scores_at_once(roles)
    return [
        RankingRow(
            proposal=p,
            candidacy=candidacy_or_none(p),
            mentors=[c.mentor for c in p.mentor_commitments.all()],
            scores_shown=at_once or p.my_score is not None,
        )
        for p in proposals
    ]
