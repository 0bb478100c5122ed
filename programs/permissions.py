"""Who may see or change what in programs: the only place that decides.

Every view calls one helper here. Outsiders get 404 (the thing does not exist for them);
people who may look but not act (read-only) get 403. Lookups always go through the parent
(round, then organization), never by a bare id.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from people.models import User
from programs.models import Membership, Participation, Round


def is_program_admin(user: User) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_program_admin or user.is_superuser)
    )


def require_program_admin(user: User) -> None:
    """Program-admin pages are about public things (rounds, organizations): a signed-in
    person without the role can read them elsewhere, so the answer is 403, not 404."""
    if not is_program_admin(user):
        raise PermissionDenied("Only program admins may do this.")


def round_for_program_admin(user: User, round_slug: str) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("program", "rules"), slug=round_slug)
    require_program_admin(user)
    return round_


def active_roles(user: User, participation: Participation) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.active()
        .filter(participation=participation, user=user)
        .values_list("role", flat=True)
    )


def _participation(round_slug: str, org_slug: str) -> Participation:
    return get_object_or_404(
        Participation.objects.select_related("round__program", "organization"),
        round__slug=round_slug,
        organization__slug=org_slug,
    )


def participation_for_org_admin(user: User, round_slug: str, org_slug: str) -> Participation:
    """Org admins and program admins act; the organization's mentors may look (403)."""
    participation = _participation(round_slug, org_slug)
    if is_program_admin(user):
        return participation
    roles = active_roles(user, participation)
    if Membership.Role.ORG_ADMIN in roles:
        return participation
    if roles:
        raise PermissionDenied("Only the organization's admins may do this.")
    raise Http404


def participation_for_member(user: User, round_slug: str, org_slug: str) -> Participation:
    """Pages for the organization's own people: its admins, mentors, and program admins."""
    participation = _participation(round_slug, org_slug)
    if is_program_admin(user) or active_roles(user, participation):
        return participation
    raise Http404


def participation_for_public(user: User, round_slug: str, org_slug: str) -> Participation:
    """An accepted organization is public; any other state only to its own people."""
    participation = _participation(round_slug, org_slug)
    if participation.status == Participation.Status.ACCEPTED:
        return participation
    if is_program_admin(user) or active_roles(user, participation):
        return participation
    raise Http404


def participations_of(user: User) -> QuerySet[Participation]:
    """Every participation where the person holds an active role (for their home page)."""
    return Participation.objects.filter(
        memberships__user=user, memberships__status=Membership.Status.ACTIVE
    ).distinct()
