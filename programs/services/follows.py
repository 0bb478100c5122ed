"""Following a round and unfollowing it: keyword-only, in a transaction, logged."""

import logging

from django.db import transaction

from people.models import User
from programs.models import Round, RoundFollow

logger = logging.getLogger(__name__)


@transaction.atomic
def round_follow(*, user: User, round_: Round) -> RoundFollow:
    follow, _ = RoundFollow.objects.update_or_create(
        user=user, round=round_, defaults={"following": True}
    )
    logger.info("%s follows round %s", user.pk, round_.pk)
    return follow


@transaction.atomic
def round_unfollow(*, user: User, round_: Round) -> RoundFollow:
    """Stop following, also a round the person follows through a role (kept as a row)."""
    follow, _ = RoundFollow.objects.update_or_create(
        user=user, round=round_, defaults={"following": False}
    )
    logger.info("%s unfollowed round %s", user.pk, round_.pk)
    return follow
