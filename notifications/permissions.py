"""Who may see or change what in notifications: the only place that decides.

notifications sits below every domain app and imports none: who is a program admin is the
user's own property (people.models.User.runs_programs), read from the user object.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from notifications.links import read_opt_out_token
from notifications.models import Message
from notifications.registry import Kind, kinds


def require_program_admin(user: Any) -> None:
    """The status page and its buttons: program admins only; others signed in get 403.
    Messages are private, so a non-admin learns nothing, not even whether one exists."""
    if not (user.is_authenticated and user.runs_programs):
        raise PermissionDenied("Only program admins may do this.")


def message_for_program_admin(user: Any, pk: int) -> Message:
    require_program_admin(user)
    return get_object_or_404(Message, pk=pk)


def opt_out_for_token(token: str) -> tuple[Any, Kind]:
    """The person and the optional kind a signed opt-out link names. The signature is the
    permission (no login needed); a forged or altered link, an unknown person or a kind that
    cannot be turned off is simply not found."""
    read = read_opt_out_token(token)
    if read is None:
        raise Http404("This link is not valid.")
    user_pk, kind_name = read
    kind = kinds().get(kind_name)
    if kind is None or not kind.optional:
        raise Http404("This link is not valid.")
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None:
        raise Http404("This link is not valid.")
    return user, kind
