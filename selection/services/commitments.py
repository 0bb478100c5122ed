"""A mentor's "I will mentor this" on a proposal, and taking it back.

The round's `max_interns_per_mentor` is counted at selection (choosing); here a mentor is
refused a commitment to an already selected proposal that would put them over it, counted
under a lock on the mentor's own row, so two commitments at once cannot both take the last
place. Taking back the last commitment of a ranked proposal takes it out of the ranking
(a proposal is ranked only with a mentor), in the same transaction.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from applications.models import Proposal
from people.models import User
from selection.models import Candidacy, MentorCommitment
from selection.permissions import require_reviewer
from selection.services.ranking import unrank
from selection.services.window import (
    candidacy_of,
    lock_proposal,
    lock_ranking,
    require_review_open,
    require_submitted,
)


def lock_mentor(mentor: User) -> None:
    """Every commitment of one mentor is counted by one transaction at a time."""
    User.objects.select_for_update().filter(pk=mentor.pk).values_list("pk").get()


def selected_commitments(mentor: User, round_) -> int:
    """The selected proposals of the round the mentor has committed to."""
    return MentorCommitment.objects.to_selected_in(round_).filter(mentor=mentor).count()


@transaction.atomic
def commit(*, proposal: Proposal, by: User, now: datetime | None = None) -> MentorCommitment:
    participation = proposal.idea.participation
    require_reviewer(by, participation)
    round_ = participation.round
    require_review_open(round_, by, now or timezone.now())
    lock_mentor(by)
    locked = lock_proposal(proposal)
    require_submitted(locked)
    candidacy = candidacy_of(locked)
    if candidacy.set_aside:
        raise ValidationError("This proposal is set aside; put it back before committing to it.")
    if MentorCommitment.objects.filter(proposal=locked, mentor=by).exists():
        raise ValidationError("You already said you will mentor this proposal.")
    limit = round_.rules.max_interns_per_mentor
    if candidacy.selected_at is not None and selected_commitments(by, round_) >= limit:
        raise ValidationError(
            f"This proposal is selected, and you already mentor {limit} selected "
            f"proposal{'s' if limit != 1 else ''} in {round_.name}: the round's rule allows "
            f"at most {limit} interns per mentor."
        )
    return MentorCommitment.objects.create(proposal=locked, mentor=by)


@dataclass(frozen=True)
class Uncommitted:
    # The proposal had no mentor left and left the ranking (the page says so).
    unranked: bool


@transaction.atomic
def uncommit(*, proposal: Proposal, by: User, now: datetime | None = None) -> Uncommitted:
    participation = proposal.idea.participation
    require_reviewer(by, participation)
    require_review_open(participation.round, by, now or timezone.now())
    lock_ranking(participation)
    locked = lock_proposal(proposal)
    mine = MentorCommitment.objects.filter(proposal=locked, mentor=by)
    if not mine.exists():
        raise ValidationError("You had not said you will mentor this proposal.")
    candidacy = Candidacy.objects.filter(proposal=locked).first()
    left = MentorCommitment.objects.filter(proposal=locked).exclude(mentor=by).exists()
    if candidacy is not None and candidacy.selected_at is not None and not left:
        raise ValidationError(
            "This proposal is selected and you are its only mentor; withdraw the selection "
            "first, or another mentor commits to it."
        )
    mine.delete()
    unranked = False
    if candidacy is not None and not left:
        unranked = unrank(candidacy)
    return Uncommitted(unranked=unranked)
