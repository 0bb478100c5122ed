"""The announcement, seen from selection: what an applicant may know of their selection, and
when; and the rule that fixes the results once they are out.

Until the round's results time nothing of the selection reaches an applicant: no page, count,
JSON, email or change of wording. So every reader here starts with `results_visible`, which
needs no query, and returns nothing before it (a page that asks costs no query either). From
the instant on (`now >= round.results_announced`, to the second: the timeline's rule that a
milestone takes effect at its instant) each submitted proposal is accepted or not this time.

After the results time a selection changes only by a program admin, with a reason, recorded
as a `SelectionChange` with `after_results=True` (`require_change_allowed` is the guard every
selection-changing service asks; `result_set` is the program admin's change itself; the
internship that follows a change is evaluations' `result_change`).
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef

from applications.models import Proposal
from people.dates import moment_for
from people.models import User
from programs.models import Round
from selection.models import Candidacy, SelectionChange

logger = logging.getLogger(__name__)

Action = SelectionChange.Action
REASON_MAX = 2000


def results_visible(round_: Round, now: datetime) -> bool:
    """True from the round's results time on, to the second; no query."""
    return now >= round_.results_announced


@dataclass(frozen=True)
class ProposalResult:
    """One submitted proposal's outcome, as its applicant may see it."""

    proposal: Proposal
    accepted: bool
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
        accepted=proposal.is_selected,
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


def result_set(
    *, candidacy: Candidacy, selected: bool, by: User, reason: str, now: datetime
) -> SelectionChange:
    """A program admin selects or deselects a proposal after the results time, with a reason;
    recorded. Before the results time selection is the organization's (its selection page),
    so this refuses. Selecting keeps the rules the announcement held: a ranked proposal in the
    running, within the organization's granted slots and the applicant's limit of accepted
    proposals in the round. Called inside evaluations' `result_change`, which also keeps the
    internship in step; it opens its own transaction for callers that need no internship."""
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise ValidationError(f"Keep the reason under {REASON_MAX} characters.")
    with transaction.atomic():
        locked = (
            Candidacy.objects.select_for_update()
            .select_related("participation__round", "participation__organization")
            .get(pk=candidacy.pk)
        )
        participation = locked.participation
        round_ = participation.round
        if not results_visible(round_, now):
            raise ValidationError(
                f"The results of {round_.name} are announced on "
                f"{moment_for(by, round_.results_announced)}; until then the organization's "
                "admins select on their selection page."
            )
        require_change_allowed(round_=round_, by=by, reason=reason, now=now)
        if selected == locked.is_selected:
            state = "selected" if selected else "not selected"
            raise ValidationError(f"This proposal is already {state}.")
        if selected:
            _check_may_select(locked, round_)
            locked.selected_at, locked.selected_by = now, by
        else:
            locked.selected_at, locked.selected_by = None, None
        locked.save(update_fields=["selected_at", "selected_by"])
        change = SelectionChange.objects.create(
            candidacy=locked,
            action=Action.SELECTED if selected else Action.DESELECTED,
            by=by,
            at=now,
            reason=reason,
            after_results=True,
        )
    logger.info(
        "%s %s proposal %s of %s after the results: %s",
        by,
        "selected" if selected else "deselected",
        locked.pk,
        participation,
        reason,
    )
    return change


def _check_may_select(candidacy: Candidacy, round_: Round) -> None:
    """The rules a selection keeps after the announcement too. The other selections are read
    under the candidacy's lock; two program admins changing one organization at the same
    second is not a race worth a wider lock (each is recorded and can be undone)."""
    if candidacy.set_aside:
        raise ValidationError("This proposal was set aside, so it cannot be selected.")
    if candidacy.rank is None:
        raise ValidationError("Only a ranked proposal can be selected: rank it first.")
    participation = candidacy.participation
    granted = participation.slots_granted or 0
    taken = Candidacy.objects.selected().filter(participation=participation).count()
    if taken >= granted:
        raise ValidationError(
            f"{participation.organization.name} has {granted} slot{'s' if granted != 1 else ''} "
            f"and {taken} selected: withdraw a selection first."
        )
    limit = round_.rules.max_accepted_per_applicant
    accepted = (
        Candidacy.objects.selected()
        .filter(applicant_id=candidacy.applicant_id, participation__round=round_)
        .count()
    )
    if accepted >= limit:
        raise ValidationError(
            f"This applicant already has {accepted} accepted proposal"
            f"{'s' if accepted != 1 else ''} in {round_.name}, the round's limit: withdraw "
            "that selection first."
        )
