"""A person's roles in a participation, worked out once per request.

Every access rule about an organization's people reads a `Roles`: the permission helpers of
each app (which decide what a page shows and who may open it) and the services (which check
again, because a service can be called from elsewhere than its view). Both call `roles_in`,
and inside one request the second call costs no query: `RolesPerRequestMiddleware` keeps what
was worked out until the response leaves, and any change to a membership forgets it. Outside a
request (a task, a command, a test calling a service) every call asks the database.
"""

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db.models.signals import post_delete, post_save

from programs.models import Membership, Participation

ORG_ADMIN = Membership.Role.ORG_ADMIN
MENTOR = Membership.Role.MENTOR


@dataclass(frozen=True)
class Roles:
    """What one person is in one participation: their active roles, and whether they run
    programs site-wide (program admins hold no role in the participation itself)."""

    program_admin: bool
    held: frozenset[str]

    @property
    def org_admin(self) -> bool:
        return ORG_ADMIN in self.held

    @property
    def mentor(self) -> bool:
        return MENTOR in self.held

    @property
    def member(self) -> bool:
        """Holds an active role (org admin or mentor): one of the organization's people."""
        return bool(self.held)


NOBODY = Roles(program_admin=False, held=frozenset())

# {(user pk, participation pk): Roles} for the request being answered; None outside one.
_known: ContextVar[dict[tuple[int, int], Roles] | None] = ContextVar("roles_known", default=None)


def roles_in(user: Any, participation: Participation) -> Roles:
    """The person's roles in the participation: one query the first time in a request."""
    if not user.is_authenticated:
        return NOBODY
    known = _known.get()
    key = (user.pk, participation.pk)
    if known is not None and key in known:
        return known[key]
    roles = Roles(
        program_admin=user.runs_programs,
        held=frozenset(
            Membership.objects.active()
            .filter(participation=participation, user=user)
            .values_list("role", flat=True)
        ),
    )
    if known is not None:
        known[key] = roles
    return roles


def forget_roles(**kwargs) -> None:
    """A membership changed: what this request knew about roles may be wrong now."""
    known = _known.get()
    if known is not None:
        known.clear()


post_save.connect(forget_roles, sender=Membership, dispatch_uid="programs.roles.forget")
post_delete.connect(forget_roles, sender=Membership, dispatch_uid="programs.roles.forget_del")


class RolesPerRequestMiddleware:
    """Keeps the roles worked out while answering one request, and only for that request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _known.set({})
        try:
            return self.get_response(request)
        finally:
            _known.reset(token)
