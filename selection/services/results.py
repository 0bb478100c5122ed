"""The announcement, seen from selection: what an applicant may know of their selection, and
when; and the rule that fixes the results once they are out.

Until the round's results time nothing of the selection reaches an applicant: no page, count,
JSON, email or change of wording. So every reader here starts with `results_visible`, which
needs no query, and returns nothing before it (a page that asks costs no query either). From
the instant on (`now >= round.results_announced`, to the second: the timeline's rule that a
milestone takes effect at its instant) each submitted proposal is accepted or not this time.

After the results time a selection changes only by a program admin, with a reason, recorded
as a `SelectionChange` with `after_results=True` (`require_change_allowed` is the guard every
selection-changing service asks; evaluations' `result_change` is a program admin's change
with the internship following it at once).
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef

from applications.models import Proposal
from people.dates import moment_for
from people.models import User
from programs.models import Round
from selection.models import Candidacy, Conflict, SelectionChange

logger = logging.getLogger(__name__)

Action = SelectionChange.Action


def results_visible(round_: Round, now: datetime) -> bool:
    """True from the round's results time on, to the second; no query."""
    return now >= round_.results_announced


@dataclass(frozen=True)
class ProposalResult:
    """One submitted proposal's outcome, as its applicant may see it."""

    proposal: Proposal
    accepted: bool
    # Selected, but the applicant is in an open conflict (chosen by more organizations than
    # the round allows): neither accepted nor not, until a program admin resolves it.
    settling: bool
    # The internship made from it (evaluations makes it at the results time); None until then.
    internship_pk: int | None

    @property
    def organization(self):
        return self.proposal.idea.participation.organization


def _selected(proposal_ref) -> Exists:
    return Exists(Candidacy.objects.selected().filter(proposal=proposal_ref))


def _results_query(round_: Round):
    return (
        Proposal.objects.submitted()
        .filter(application__round=round_)
        .annotate(
            is_selected=_selected(OuterRef("pk")),
            in_conflict=Exists(
                Conflict.objects.open().filter(round=round_, applicant=OuterRef("applicant"))
            ),
            # The reverse of evaluations' Internship.proposal, named in the query the way a
            # template names a higher app's page: no import runs up the layers.
            made_internship=F("internship__pk"),
        )
        .select_related("idea__participation__organization")
        .order_by("-is_selected", "submitted_at", "pk")
    )


def _result(proposal: Proposal) -> ProposalResult:
    return ProposalResult(
        proposal=proposal,
        accepted=proposal.is_selected and not proposal.in_conflict,
        settling=proposal.is_selected and proposal.in_conflict,
        internship_pk=proposal.made_internship if proposal.is_selected else None,
    )


def applicant_results(*, applicant: User, round_: Round, now: datetime) -> list[ProposalResult]:
    """The applicant's submitted proposals of the round, each accepted or not this time, the
    accepted first; nothing at all (and no query) before the round's results time."""
    if not results_visible(round_, now):
        return []
    return [_result(p) for p in _results_query(round_).filter(applicant=applicant)]


def proposal_result(*, proposal: Proposal, viewer: User, now: datetime) -> ProposalResult | None:
    """The result of one proposal for its own applicant, from the results time on; None for
    anyone else (the organization sees its selection on its own pages), before the instant,
    and for a proposal that was not submitted."""
    round_ = proposal.application.round
    if viewer.pk != proposal.applicant_id or not results_visible(round_, now):
        return None
    found = _results_query(round_).filter(pk=proposal.pk).first()
    return _result(found) if found is not None else None


# --- After the announcement: fixed, unless a program admin changes it with a reason -----------


def require_change_allowed(*, round_: Round, by: User, reason: str, now: datetime) -> bool:
    """Whether a change to a selection in `round_` at `now` comes after the results; raise if
    it may not be made. Before the results time this allows anything (the selection services
    apply their own rules) and answers False. From the instant on only a program admin may
    change a selection, and only with a reason; the answer is then True, for the
    `SelectionChange.after_results` that records it."""
    if not results_visible(round_, now):
        return False
    if not by.runs_programs:
        raise ValidationError(
            f"The results of {round_.name} were announced on "
            f"{moment_for(by, round_.results_announced)}: they are fixed, and only a program "
            "admin may change them."
        )
    if not reason.strip():
        raise ValidationError(
            "A change after the results were announced needs a reason: say why, it is recorded."
        )
    return True
