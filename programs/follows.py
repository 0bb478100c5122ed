"""Who follows a round: those who clicked "Follow", and the round's active org admins and
mentors (implicitly), minus anyone who clicked "Unfollow".

The round-deadline reminders (programs.reminders, found by notifications' registry), the
follow button and the "Rounds you follow" part of the email choices page read it here.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from programs.models import Membership, Participation, RoundFollow

# The page a follow button was on, sent back as `next`: a path of this site with its query;
# one longer than this is no page of ours (the button then sends the path alone).
MAX_NEXT = 2000


def _active_people_of_rounds(round_ids: Iterable[int]):
    return (
        Membership.objects.active()
        .filter(
            participation__round_id__in=round_ids,
            participation__status__in=[
                Participation.Status.DRAFT,
                Participation.Status.APPLIED,
                Participation.Status.ACCEPTED,
            ],
            user__is_active=True,
        )
        .select_related("user", "participation")
    )


def followers(round_ids: Iterable[int]) -> dict[int, dict[int, Any]]:
    """{round id: {user id: user}} for the given rounds, in two queries."""
    round_ids = list(round_ids)
    result: dict[int, dict[int, Any]] = defaultdict(dict)
    explicit = RoundFollow.objects.filter(round_id__in=round_ids).select_related("user")
    unfollowed = set()
    for follow in explicit:
        if not follow.following:
            unfollowed.add((follow.round_id, follow.user_id))
        elif follow.user.is_active:
            result[follow.round_id][follow.user_id] = follow.user
    for membership in _active_people_of_rounds(round_ids):
        round_id = membership.participation.round_id
        if (round_id, membership.user_id) not in unfollowed:
            result[round_id][membership.user_id] = membership.user
    return result


def follow_state(user: Any, round_: Any) -> str:
    """ "following" (clicked Follow), "member" (follows through a role), "unfollowed" or
    "not_following"."""
    row = RoundFollow.objects.filter(user=user, round=round_).first()
    if row is not None:
        return "following" if row.following else "unfollowed"
    is_member = _active_people_of_rounds([round_.pk]).filter(user=user).exists()
    return "member" if is_member else "not_following"


def rounds_followed_section(request: HttpRequest) -> str:
    """The rounds the viewer follows by choice, each with its Unfollow button: a part of the
    email choices page, which notifications renders without knowing about rounds."""
    follows = (
        RoundFollow.objects.filter(user=request.user, following=True)
        .select_related("round")
        .order_by("round__name")
    )
    return render_to_string(
        "programs/public/_rounds_followed.html", {"follows": follows}, request=request
    )
