"""The criteria an organization scores proposals on, with weights, kept by its org admins.

A criterion changes freely until the first review of the round's proposals: after it, adding
one or changing a weight would leave the reviews already given scored on other terms, so
both are refused (names, descriptions and the order stay editable); a criterion a review
used is never removed.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from people.dates import moment_for
from people.models import User
from programs.models import Participation
from selection.models import Criterion, Mark, Review
from selection.models.review import MAX_WEIGHT
from selection.permissions import require_ranker
from selection.services.window import lock_ranking

SAME_NAME = "The organization already scores on a criterion of that name."
UP = "up"
DOWN = "down"


def reviews_exist(participation: Participation) -> bool:
    return Review.objects.filter(proposal__idea__participation=participation).exists()


def _require_before_results(participation: Participation, by: User) -> None:
    """After the results, the review is read-only, criteria included."""
    results = participation.round.results_announced
    if timezone.now() >= results:
        raise ValidationError(
            f"The results were announced at {moment_for(by, results)}; the criteria are "
            "read-only now."
        )


def _check(name: str, weight: int) -> None:
    if not name.strip():
        raise ValidationError("Name the criterion.")
    if not 1 <= weight <= MAX_WEIGHT:
        raise ValidationError(f"A weight is from 1 to {MAX_WEIGHT}.")


@transaction.atomic
def criterion_add(
    *, participation: Participation, by: User, name: str, description: str, weight: int
) -> Criterion:
    require_ranker(by, participation)
    _require_before_results(participation, by)
    lock_ranking(participation)
    _check(name, weight)
    if reviews_exist(participation):
        raise ValidationError(
            "Mentors have already reviewed proposals: a new criterion would leave their scores "
            "on other terms, so criteria are added before the first review."
        )
    last = Criterion.objects.filter(participation=participation).aggregate(p=Max("position"))
    try:
        with transaction.atomic():
            return Criterion.objects.create(
                participation=participation,
                name=name.strip(),
                description=description.strip(),
                weight=weight,
                position=(last["p"] or 0) + 1,
            )
    except IntegrityError:
        raise ValidationError(
            "The organization already scores on a criterion of that name."
        ) from None


@transaction.atomic
def criterion_update(
    *, criterion: Criterion, by: User, name: str, description: str, weight: int
) -> Criterion:
    participation = criterion.participation
    require_ranker(by, participation)
    _require_before_results(participation, by)
    lock_ranking(participation)
    _check(name, weight)
    if weight != criterion.weight and reviews_exist(participation):
        raise ValidationError(
            "Mentors have already reviewed proposals on these weights; a weight no longer "
            "changes (the name and description still do)."
        )
    criterion.name, criterion.description, criterion.weight = (
        name.strip(),
        description.strip(),
        weight,
    )
    try:
        with transaction.atomic():
            criterion.save(update_fields=["name", "description", "weight"])
    except IntegrityError:
        raise ValidationError(
            "The organization already scores on a criterion of that name."
        ) from None
    return criterion


@transaction.atomic
def criterion_move(*, criterion: Criterion, by: User, direction: str) -> None:
    """Swap with the neighbour above or below (positions are renumbered 1, 2, 3 ...)."""
    participation = criterion.participation
    require_ranker(by, participation)
    _require_before_results(participation, by)
    lock_ranking(participation)
    ordered = list(Criterion.objects.filter(participation=participation))
    index = next(i for i, c in enumerate(ordered) if c.pk == criterion.pk)
    other = index - 1 if direction == UP else index + 1
    if direction not in (UP, DOWN) or not 0 <= other < len(ordered):
        raise ValidationError("That criterion cannot move further.")
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def criterion_remove(*, criterion: Criterion, by: User) -> None:
    participation = criterion.participation
    require_ranker(by, participation)
    _require_before_results(participation, by)
    lock_ranking(participation)
    if Mark.objects.filter(criterion=criterion).exists():
        raise ValidationError(
            f"Reviews already scored “{criterion.name}”, so it cannot be removed; rename it "
            "or describe it better instead."
        )
    criterion.delete()
