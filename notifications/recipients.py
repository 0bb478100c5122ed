"""Who messages go to, and who no longer wants them: the rules notifications itself needs.

Read in bulk: the sweep asks about thousands of people at once, a worker about a batch.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from notifications.models import NotificationPreference
from notifications.registry import get_kind


def program_admins() -> QuerySet:
    """Active program admins; the rule lives with the user (people.models)."""
    return get_user_model().objects.program_admins()


def muted(pairs: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
    """The (user id, kind) pairs among `pairs` that the person turned off, in one query.

    Only optional kinds can be turned off: a stray preference on a duty kind is ignored.
    """
    optional = {(user_id, kind) for user_id, kind in pairs if get_kind(kind).optional}
    if not optional:
        return set()
    off = NotificationPreference.objects.filter(
        enabled=False,
        user_id__in={user_id for user_id, _ in optional},
        kind__in={kind for _, kind in optional},
    ).values_list("user_id", "kind")
    return set(off) & optional
