"""A mentor's review of a proposal (a score, or marks on the organization's criteria, and a
comment, private to the organization), the "interview" flag, and setting a proposal aside as
spam or not serious (out of the ranking, nothing deleted, and undone the same way).

Every rule is checked here, whatever page calls: the person's role (`require_reviewer`), the
review window to the second (`require_review_open`), a submitted proposal. Each change locks
the proposal's row, so its candidacy row is created once.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from applications.models import Proposal
from people.models import User
from selection.models import HIGHEST_SCORE, LOWEST_SCORE, Candidacy, Criterion, Mark, Review
from selection.permissions import require_reviewer
from selection.services.ranking import unrank
from selection.services.window import (
    candidacy_of,
    lock_proposal,
    lock_ranking,
    require_review_open,
    require_submitted,
)

# A comment is a few paragraphs for the other mentors, not a second proposal.
MAX_COMMENT = 5000
CENTS = Decimal("0.01")


def weighted_score(marks: Iterable[tuple[int, int]]) -> Decimal:
    """sum(mark * weight) / sum(weight), rounded half up to 2 decimals; `marks` are (score,
    weight) pairs."""
    pairs = list(marks)
    total_weight = sum(weight for _, weight in pairs)
    if not pairs or total_weight <= 0:
        raise ValidationError("Give a mark on each criterion.")
    total = sum(Decimal(score) * weight for score, weight in pairs)
    return (total / Decimal(total_weight)).quantize(CENTS, rounding=ROUND_HALF_UP)


def _in_range(score: object) -> int:
    if not isinstance(score, int) or not LOWEST_SCORE <= score <= HIGHEST_SCORE:
        raise ValidationError(f"A score is a whole number from {LOWEST_SCORE} to {HIGHEST_SCORE}.")
    return score


@transaction.atomic
def review_save(
    *,
    proposal: Proposal,
    by: User,
    comment: str,
    score: int | None = None,
    marks: Mapping[int, int] | None = None,
    now: datetime | None = None,
) -> Review:
    """Give or change one's review. With criteria, `marks` maps each criterion's id to a mark
    (all of them); without, `score` is the single score."""
    participation = proposal.idea.participation
    require_reviewer(by, participation)
    require_review_open(participation.round, by, now or timezone.now())
    locked = lock_proposal(proposal)
    require_submitted(locked)
    if len(comment) > MAX_COMMENT:
        raise ValidationError(f"A comment is at most {MAX_COMMENT} characters.")
    criteria = list(Criterion.objects.filter(participation=participation))
    if criteria:
        given = dict(marks or {})
        missing = [c.name for c in criteria if c.pk not in given]
        if missing:
            raise ValidationError(f"Give a mark on each criterion: {', '.join(missing)}.")
        chosen = {c.pk: _in_range(given[c.pk]) for c in criteria}
        final = weighted_score((chosen[c.pk], c.weight) for c in criteria)
    else:
        if score is None:
            raise ValidationError(f"Give a score from {LOWEST_SCORE} to {HIGHEST_SCORE}.")
        final = Decimal(_in_range(score))
    candidacy_of(locked)
    review, _ = Review.objects.update_or_create(
        proposal=locked, mentor=by, defaults={"score": final, "comment": comment.strip()}
    )
    review.marks.all().delete()
    if criteria:
        Mark.objects.bulk_create(
            Mark(review=review, criterion_id=pk, score=mark) for pk, mark in chosen.items()
        )
    return review


@dataclass(frozen=True)
class Flagged:
    candidacy: Candidacy
    # Whether setting it aside took it out of the ranking (the page says so).
    unranked: bool = False


@transaction.atomic
def interview_flag(
    *, proposal: Proposal, by: User, flagged: bool, now: datetime | None = None
) -> Flagged:
    """Flag the applicant for an interview, or take the flag back."""
    now = now or timezone.now()
    participation = proposal.idea.participation
    require_reviewer(by, participation)
    require_review_open(participation.round, by, now)
    locked = lock_proposal(proposal)
    require_submitted(locked)
    candidacy = candidacy_of(locked)
    if flagged and candidacy.set_aside:
        raise ValidationError("This proposal is set aside; put it back before flagging it.")
    candidacy.interview_flagged_at = now if flagged else None
    candidacy.interview_flagged_by = by if flagged else None
    candidacy.save(update_fields=["interview_flagged_at", "interview_flagged_by"])
    return Flagged(candidacy)


@transaction.atomic
def set_aside(*, proposal: Proposal, by: User, reason: str, now: datetime | None = None) -> Flagged:
    """Mark a proposal as spam or not serious: out of the ranking (its place freed and the
    others renumbered, in this transaction), nothing deleted. `reason` "" puts it back in
    the running, unranked."""
    now = now or timezone.now()
    if reason not in Candidacy.SetAside.values:
        raise ValidationError("Choose spam, not serious, or back in the running.")
    participation = proposal.idea.participation
    require_reviewer(by, participation)
    require_review_open(participation.round, by, now)
    lock_ranking(participation)
    locked = lock_proposal(proposal)
    candidacy = candidacy_of(locked)
    if reason and candidacy.set_aside == reason:
        raise ValidationError(f"This proposal is already set aside as {reason.replace('_', ' ')}.")
    if not reason and not candidacy.set_aside:
        raise ValidationError("This proposal is already in the running.")
    unranked = unrank(candidacy) if reason else False
    candidacy.set_aside = reason
    candidacy.set_aside_at = now if reason else None
    candidacy.set_aside_by = by if reason else None
    candidacy.save(update_fields=["set_aside", "set_aside_at", "set_aside_by"])
    return Flagged(candidacy, unranked=unranked)
