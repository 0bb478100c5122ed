"""What the applicant's dashboard and the mentors' proposal list read: one function each,
a fixed number of queries however many proposals a round holds.

Reads only (nothing here writes), so no transaction and no "who did what". The pages link by
URL name in their templates; the rows carry the slugs those links need.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils.timesince import timeuntil

from applications.models import Application, Commitment, Contribution, Proposal
from applications.models.contribution import accepted_by, counts_toward_gate
from people.models import User
from programs.models import Participation, Round

# An applicant's own lists are short (the round caps submitted proposals), but drafts and
# contributions are not capped: the dashboard shows this many of each and counts the rest.
SHOWN_PER_LIST = 50

# The organization's review list (selection): contributions shown per applicant.
CONTRIBUTIONS_PER_APPLICANT = 10


@dataclass(frozen=True)
class GateStanding:
    """Where one applicant stands against one organization's contribution gate."""

    participation: Participation
    required: int
    deadline: datetime
    # Accepted upstream by the deadline's date and confirmed by a mentor: what counts.
    counted: int
    # Accepted upstream but not reviewed by a mentor yet: may count once confirmed.
    awaiting_mentor: int
    deadline_passed: bool

    @property
    def met(self) -> bool:
        return self.counted >= self.required

    @property
    def words(self) -> str:
        """ "1 of 1 accepted, confirmed by a mentor" """
        return f"{self.counted} of {self.required} accepted, confirmed by a mentor"


@dataclass(frozen=True)
class Deadline:
    label: str
    at: datetime
    countdown: str


@dataclass(frozen=True)
class Todo:
    """One thing left to do; `kind` tells the template which link to draw."""

    kind: str  # "application", "contribution", "submit"
    text: str
    participation: Participation | None = None
    proposal: Proposal | None = None


@dataclass
class DashboardData:
    round: Round
    application: Application | None
    proposals: list[Proposal]
    # More rows than shown: the page says so rather than count them (a fixed number of
    # queries either way).
    proposals_cut: bool
    contributions: list[Contribution]
    contributions_cut: bool
    gates: list[GateStanding]
    next_deadline: Deadline | None
    todos: list[Todo] = field(default_factory=list)
    applications_open: bool = False


def _count_of(applicant: User, condition: Q):
    """The applicant's contributions to the outer participation meeting `condition`, counted
    through the (participation, applicant) index: other applicants' contributions are never
    read."""
    counted = (
        Contribution.objects.filter(condition, participation=OuterRef("pk"), applicant=applicant)
        .order_by()
        .values("participation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def gate_standings(
    *, applicant: User, participations: QuerySet[Participation], now: datetime
) -> list[GateStanding]:
    """The gates of `participations` (those without one are left out), counted in one query
    by the rule `counts_toward_gate` states (the one `Contribution.objects.toward_gate` uses)."""
    gated = (
        participations.filter(gate_contributions__gt=0, gate_deadline__isnull=False)
        .select_related("organization")
        .annotate(gate_day=TruncDate("gate_deadline", tzinfo=UTC))
        .annotate(
            counted=_count_of(applicant, counts_toward_gate(OuterRef("gate_day"))),
            awaiting_mentor=_count_of(
                applicant,
                accepted_by(OuterRef("gate_day")) & Q(verdict=Contribution.Verdict.UNREVIEWED),
            ),
        )
        .order_by("gate_deadline", "organization__name", "pk")
    )
    return [
        GateStanding(
            participation=p,
            required=p.gate_contributions,
            deadline=p.gate_deadline,
            counted=p.counted,
            awaiting_mentor=p.awaiting_mentor,
            deadline_passed=p.gate_deadline <= now,
        )
        for p in gated
    ]


def _next_deadline(round_: Round, gates: list[GateStanding], now: datetime) -> Deadline | None:
    """The round's application deadline or an organization's contribution deadline,
    whichever comes first and is still ahead."""
    ahead = []
    if round_.applications_close > now:
        ahead.append(("Application deadline", round_.applications_close))
    for gate in gates:
        if gate.deadline > now:
            name = gate.participation.organization.name
            ahead.append((f"{name}'s contribution deadline", gate.deadline))
    if not ahead:
        return None
    label, at = min(ahead, key=lambda pair: pair[1])
    return Deadline(label=label, at=at, countdown=f"in {timeuntil(at, now)}")


def _todos(
    *,
    round_: Round,
    application: Application | None,
    drafts: list[Proposal],
    gates: list[GateStanding],
    proposed_to: set[int],
    open_: bool,
) -> list[Todo]:
    if not open_:
        return []
    todos = []
    if application is None:
        todos.append(Todo("application", "Fill in your application to write proposals."))
    for gate in gates:
        if gate.participation.pk in proposed_to and not gate.met and not gate.deadline_passed:
            name = gate.participation.organization.name
            todos.append(
                Todo(
                    "contribution",
                    f"Record a contribution to {name}: {gate.words}, {gate.required} needed.",
                    participation=gate.participation,
                )
            )
    eligible = application is not None and application.is_eligible
    if eligible:
        todos.extend(Todo("submit", f"Submit your draft “{p.title}”.", proposal=p) for p in drafts)
    return todos


def applicant_dashboard(*, applicant: User, round_: Round, now: datetime) -> DashboardData:
    """The applicant's page in a round: four queries, however many proposals there are."""
    application = Application.objects.filter(applicant=applicant, round=round_).first()
    proposals_qs = (
        Proposal.objects.filter(applicant=applicant, application__round=round_)
        .select_related("idea__participation__organization")
        .order_by("status", "-created_at", "-pk")
        .only(
            "pk",
            "title",
            "status",
            "submitted_at",
            "withdrawn_at",
            "created_at",
            "idea__title",
            "idea__slug",
            "idea__participation__id",
            "idea__participation__organization__name",
            "idea__participation__organization__slug",
        )
    )
    proposals = list(proposals_qs[: SHOWN_PER_LIST + 1]) if application else []
    contributions = list(
        Contribution.objects.filter(applicant=applicant, participation__round=round_)
        .select_related("participation__organization")
        .order_by("-created_at", "-pk")[: SHOWN_PER_LIST + 1]
    )
    # The organizations that matter to this applicant: those they proposed to or contributed
    # to (a round may hold thousands; their gates are on each organization's page).
    proposed_to = Proposal.objects.filter(applicant=applicant, application__round=round_)
    involved = Participation.objects.filter(round=round_).filter(
        Q(
            pk__in=proposed_to.exclude(status=Proposal.Status.WITHDRAWN).values(
                "idea__participation"
            )
        )
        | Q(pk__in=Contribution.objects.filter(applicant=applicant).values("participation"))
    )
    gates = gate_standings(applicant=applicant, participations=involved, now=now)
    open_ = round_.applications_open <= now < round_.applications_close
    shown = proposals[:SHOWN_PER_LIST]
    data = DashboardData(
        round=round_,
        application=application,
        proposals=shown,
        proposals_cut=len(proposals) > SHOWN_PER_LIST,
        contributions=contributions[:SHOWN_PER_LIST],
        contributions_cut=len(contributions) > SHOWN_PER_LIST,
        gates=gates,
        next_deadline=_next_deadline(round_, gates, now),
        applications_open=open_,
    )
    data.todos = _todos(
        round_=round_,
        application=application,
        drafts=[p for p in shown if p.status == Proposal.Status.DRAFT],
        gates=gates,
        proposed_to={
            p.idea.participation.pk for p in shown if p.status != Proposal.Status.WITHDRAWN
        },
        open_=open_,
    )
    return data


# --- The organization's review list (selection's page reads its rows here) ----------------------


@dataclass(frozen=True)
class ProposalListRow:
    proposal: Proposal
    contributions: list[Contribution]
    contributions_more: int
    # Commitments that overlap the round's coding period (the rest do not take their time).
    commitments_in_coding: list[Commitment]


def proposal_rows(
    *, participation: Participation, proposals: list[Proposal]
) -> list[ProposalListRow]:
    """One page's rows with each applicant's contributions to this organization: one query
    for the page's applicants, whatever the page size."""
    round_ = participation.round
    coding_from, coding_until = round_.coding_start.date(), round_.final_close.date()
    applicants = {p.applicant_id for p in proposals}
    by_applicant: dict[int, list[Contribution]] = {}
    for contribution in Contribution.objects.filter(
        participation=participation, applicant_id__in=applicants
    ).order_by("applicant_id", "-created_at", "-pk"):
        by_applicant.setdefault(contribution.applicant_id, []).append(contribution)
    rows = []
    for proposal in proposals:
        theirs = by_applicant.get(proposal.applicant_id, [])
        rows.append(
            ProposalListRow(
                proposal=proposal,
                contributions=theirs[:CONTRIBUTIONS_PER_APPLICANT],
                contributions_more=max(0, len(theirs) - CONTRIBUTIONS_PER_APPLICANT),
                commitments_in_coding=[
                    c
                    for c in proposal.application.commitments.all()
                    if c.starts_on <= coding_until and c.ends_on >= coding_from
                ],
            )
        )
    return rows
