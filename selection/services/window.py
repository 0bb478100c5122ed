"""When an organization may review and rank: from the round's application deadline (the
proposals are in) until its results time; after the results, everything is read-only."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError

from applications.models import Proposal
from people.dates import moment_for
from people.models import User
from programs.models import Participation, Round
from selection.models import Candidacy


def ranking_due_at(round_: Round) -> datetime:
    """When an organization's ranking is due: the round's rule (`ranking_due_days`) days
    before its results time."""
    return round_.results_announced - timedelta(days=round_.rules.ranking_due_days)


def review_is_open(round_: Round, now: datetime) -> bool:
    return round_.applications_close <= now < round_.results_announced


def require_review_open(round_: Round, by: User, now: datetime) -> None:
    """Refuse before the application deadline and from the results time on, to the second,
    naming the moment in the person's own zone."""
    if now < round_.applications_close:
        raise ValidationError(
            "Review opens at the application deadline, "
            f"{moment_for(by, round_.applications_close)}."
        )
    if now >= round_.results_announced:
        raise ValidationError(
            f"The results were announced at {moment_for(by, round_.results_announced)}; "
            "the review and the ranking are read-only now."
        )


def lock_proposal(proposal: Proposal) -> Proposal:
    """The proposal's row, locked: every change to its review, flags or commitments starts
    here, so its candidacy is created once and its status read as it is."""
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("idea__participation__round__rules")
        .get(pk=proposal.pk)
    )


def candidacy_of(proposal: Proposal) -> Candidacy:
    """The organization's row for the proposal, made on its first action. Call it with the
    proposal locked (`lock_proposal`), so two first actions at once make one row."""
    candidacy, _ = Candidacy.objects.get_or_create(
        proposal=proposal,
        defaults={
            "participation_id": proposal.idea.participation_id,
            "applicant_id": proposal.applicant_id,
        },
    )
    return candidacy


def require_submitted(proposal: Proposal) -> None:
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(
            "This proposal was withdrawn by its applicant; it is no longer reviewed."
        )


def lock_ranking(participation: Participation) -> Participation:
    """Every change to an organization's ranking takes its participation's row first, so
    ranks are counted and renumbered by one transaction at a time."""
    return Participation.objects.select_for_update().get(pk=participation.pk)
