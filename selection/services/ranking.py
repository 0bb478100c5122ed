"""An organization's ordered list of proposals, kept by its org admins: add at the end (only a
proposal a mentor committed to, in the running), move up or down, take out. Ranks run 1, 2,
3 ... without gaps; every change locks the participation's row first (`lock_ranking`), so two
org admins moving at once never leave two proposals on one place or a gap."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from applications.models import Proposal
from people.models import User
from programs.models import Participation
from selection.models import Candidacy, MentorCommitment
from selection.permissions import require_ranker
from selection.services.window import (
    candidacy_of,
    lock_proposal,
    lock_ranking,
    require_review_open,
    require_submitted,
)

UP = "up"
DOWN = "down"


def renumber(participation: Participation) -> None:
    """Close the gaps after a proposal left the ranking: 1, 3, 4 becomes 1, 2, 3. One update
    per moved row, in rank order, so each takes a place already freed (the unique
    (participation, rank) rule holds after every statement). Call it with the ranking locked."""
    ranked = (
        Candidacy.objects.filter(participation=participation)
        .ranked()
        .values_list("proposal_id", "rank")
    )
    for place, (proposal_id, rank) in enumerate(list(ranked), start=1):
        if rank != place:
            Candidacy.objects.filter(proposal_id=proposal_id).update(rank=place)


def unrank(candidacy: Candidacy) -> bool:
    """Take the candidacy out of the ranking and close the gap; whether it was ranked. The
    caller holds the ranking lock. A selected proposal stays (it is selected from the
    ranking): the selection is withdrawn first."""
    if candidacy.rank is None:
        return False
    if candidacy.selected_at is not None:
        raise ValidationError(
            "This proposal is selected; withdraw the selection before it leaves the ranking."
        )
    candidacy.rank = None
    candidacy.save(update_fields=["rank"])
    renumber(candidacy.participation)
    return True


def _ready(proposal: Proposal, by: User, now: datetime | None) -> tuple[Participation, Proposal]:
    participation = proposal.idea.participation
    require_ranker(by, participation)
    require_review_open(participation.round, by, now or timezone.now())
    lock_ranking(participation)
    return participation, lock_proposal(proposal)


@transaction.atomic
def rank_add(*, proposal: Proposal, by: User, now: datetime | None = None) -> Candidacy:
    """Append the proposal at the end of the ranking: only a submitted proposal in the
    running that at least one mentor said they will mentor."""
    participation, locked = _ready(proposal, by, now)
    require_submitted(locked)
    candidacy = candidacy_of(locked)
    if candidacy.rank is not None:
        raise ValidationError(f"This proposal is already ranked, at place {candidacy.rank}.")
    if candidacy.set_aside:
        raise ValidationError(
            f"This proposal is set aside as {candidacy.get_set_aside_display().lower()}; "
            "put it back in the running before ranking it."
        )
    if not MentorCommitment.objects.filter(proposal=locked).exists():
        raise ValidationError(
            "A proposal is ranked only when at least one mentor said they will mentor it."
        )
    candidacy.rank = next_rank(participation)
    candidacy.save(update_fields=["rank"])
    return candidacy


def next_rank(participation) -> int:
    """The place after the last of the organization's ranking (read under its lock)."""
    last = Candidacy.objects.filter(participation=participation).aggregate(last=Max("rank"))
    return (last["last"] or 0) + 1


@transaction.atomic
def rank_remove(*, proposal: Proposal, by: User, now: datetime | None = None) -> Candidacy:
    _, locked = _ready(proposal, by, now)
    candidacy = candidacy_of(locked)
    if not unrank(candidacy):
        raise ValidationError("This proposal is not ranked.")
    return candidacy


@transaction.atomic
def rank_move(
    *, proposal: Proposal, by: User, direction: str, now: datetime | None = None
) -> Candidacy:
    """Swap the proposal with its neighbour above (up) or below (down). The unique rank rule
    holds at every statement: the moved one leaves its place (NULL) first."""
    if direction not in (UP, DOWN):
        raise ValidationError("Move a proposal up or down.")
    participation, locked = _ready(proposal, by, now)
    candidacy = candidacy_of(locked)
    if candidacy.rank is None:
        raise ValidationError("This proposal is not ranked; add it to the ranking first.")
    place = candidacy.rank - 1 if direction == UP else candidacy.rank + 1
    neighbour = Candidacy.objects.filter(participation=participation, rank=place).first()
    if neighbour is None:
        where = "first" if direction == UP else "last"
        raise ValidationError(f"This proposal is already {where} in the ranking.")
    own = candidacy.rank
    Candidacy.objects.filter(pk=candidacy.pk).update(rank=None)
    Candidacy.objects.filter(pk=neighbour.pk).update(rank=own)
    Candidacy.objects.filter(pk=candidacy.pk).update(rank=place)
    candidacy.rank = place
    return candidacy


@transaction.atomic
def rank_place(
    *, proposal: Proposal, by: User, place: int, now: datetime | None = None
) -> Candidacy:
    """Move the proposal to `place` (a drag on the page), the ones between shifting by one.
    The unique rank rule holds at every statement: the moved one leaves its place (NULL)
    first, then each neighbour takes the place freed next to it, nearest first."""
    participation, locked = _ready(proposal, by, now)
    candidacy = candidacy_of(locked)
    if candidacy.rank is None:
        raise ValidationError("This proposal is not ranked; add it to the ranking first.")
    last = Candidacy.objects.filter(participation=participation).ranked().count()
    if not 1 <= place <= last:
        raise ValidationError(f"Choose a place from 1 to {last}.")
    own = candidacy.rank
    if place == own:
        return candidacy
    ranked = Candidacy.objects.filter(participation=participation)
    ranked.filter(pk=candidacy.pk).update(rank=None)
    if place < own:
        between = ranked.filter(rank__gte=place, rank__lt=own).order_by("-rank")
        shift = 1
    else:
        between = ranked.filter(rank__gt=own, rank__lte=place).order_by("rank")
        shift = -1
    for pk, rank in list(between.values_list("pk", "rank")):
        ranked.filter(pk=pk).update(rank=rank + shift)
    ranked.filter(pk=candidacy.pk).update(rank=place)
    candidacy.rank = place
    return candidacy
