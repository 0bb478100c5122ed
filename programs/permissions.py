"""Who may see or change what in programs: the only place that decides.

Every view calls one helper here. Outsiders get 404 (the thing does not exist for them);
people who may look but not act (read-only) get 403. Lookups always go through the parent
(round, then organization), never by a bare id.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from people.models import User
from programs.models import (
    Invitation,
    Membership,
    MentorRequest,
    Participation,
    Program,
    Round,
    hash_token,
)
from programs.roles import Roles, roles_in


def is_program_admin(user: User) -> bool:
    return user.is_authenticated and user.runs_programs


def require_program_admin(user: User) -> None:
    """Program-admin pages are about public things (rounds, organizations): a signed-in
    person without the role can read them elsewhere, so the answer is 403, not 404."""
    if not is_program_admin(user):
        raise PermissionDenied("Only program admins may do this.")


def may_manage(roles: Roles) -> bool:
    """Managing an organization's participation (its application, its people): its org admins
    and program admins."""
    return roles.program_admin or roles.org_admin


def program_for_public(slug: str) -> Program:
    """Programs are public: anyone may read one; only existence is checked."""
    return get_object_or_404(Program, slug=slug)


def round_for_public(slug: str) -> Round:
    """Rounds, their timelines and rules are public: anyone may read one."""
    return get_object_or_404(Round.objects.select_related("program", "rules"), slug=slug)


def round_for_following(user: User, slug: str) -> Round:
    """Rounds are public: any signed-in person may follow one; only existence is checked."""
    return round_for_public(slug)


def round_for_program_admin(user: User, round_slug: str) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("program", "rules"), slug=round_slug)
    require_program_admin(user)
    return round_


def _participation(round_slug: str, org_slug: str) -> Participation:
    return get_object_or_404(
        Participation.objects.select_related("round__program", "organization__umbrella"),
        round__slug=round_slug,
        organization__slug=org_slug,
    )


def participation_for_program_admin(user: User, round_slug: str, org_slug: str) -> Participation:
    """Decisions on an organization's application: program admins only (403 for others,
    since the round and its accepted organizations are public)."""
    participation = _participation(round_slug, org_slug)
    require_program_admin(user)
    return participation


def participation_for_org_admin(user: User, round_slug: str, org_slug: str) -> Participation:
    """Org admins and program admins act; the organization's mentors may look (403)."""
    participation = _participation(round_slug, org_slug)
    roles = roles_in(user, participation)
    if may_manage(roles):
        return participation
    if roles.member:
        raise PermissionDenied("Only the organization's admins may do this.")
    raise Http404


def participation_for_member(user: User, round_slug: str, org_slug: str) -> Participation:
    """Pages for the organization's own people: its admins, mentors, and program admins."""
    participation = _participation(round_slug, org_slug)
    roles = roles_in(user, participation)
    if roles.program_admin or roles.member:
        return participation
    raise Http404


def participation_for_public(user: User, round_slug: str, org_slug: str) -> Participation:
    """An accepted organization is public; any other state only to its own people."""
    participation = _participation(round_slug, org_slug)
    if participation.status == Participation.Status.ACCEPTED:
        return participation
    roles = roles_in(user, participation)
    if roles.program_admin or roles.member:
        return participation
    raise Http404


def round_for_new_participation(user: User, round_slug: str) -> Round:
    """Any signed-in person may apply for an organization in an existing round; whether the
    round takes applications now is the service's rule, so the page can say when it does."""
    return get_object_or_404(Round.objects.select_related("program"), slug=round_slug)


def membership_for_ending(
    user: User, round_slug: str, org_slug: str, membership_pk: int
) -> Membership:
    """A role may be ended by its holder (leaving), the organization's admins and program
    admins (removing); the organization's mentors may look (403), anyone else gets 404."""
    participation = _participation(round_slug, org_slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), participation=participation, pk=membership_pk
    )
    membership.participation = participation
    if membership.user_id == user.pk and membership.status == Membership.Status.ACTIVE:
        return membership
    roles = roles_in(user, participation)
    if may_manage(roles):
        return membership
    if roles.member:
        raise PermissionDenied("Only the organization's admins may remove people.")
    raise Http404


def invitation_for_token(user: User, token: str) -> Invitation:
    """The token in the link is the permission: whoever holds it may see and accept it, so
    an unknown token is simply not found."""
    invitation = (
        Invitation.objects.select_related(
            "participation__round__program", "participation__organization", "invited_by"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def invitation_of(participation: Participation, invitation_pk: int) -> Invitation:
    """An invitation, looked up through its participation (checked by the caller)."""
    return get_object_or_404(
        Invitation.objects.select_related("participation"),
        participation=participation,
        pk=invitation_pk,
    )


def participation_for_asking_to_mentor(user: User, round_slug: str, org_slug: str) -> Participation:
    """Any signed-in person who can see the organization may ask to mentor for it; its
    current mentors may look at the page but not ask again (403)."""
    participation = participation_for_public(user, round_slug, org_slug)
    if roles_in(user, participation).mentor:
        raise PermissionDenied("You are already a mentor of this organization.")
    return participation


def mentor_request_for_org_admin(
    user: User, round_slug: str, org_slug: str, request_pk: int
) -> MentorRequest:
    """Org admins (and program admins) answer requests to mentor; mentors get 403, others 404."""
    participation = participation_for_org_admin(user, round_slug, org_slug)
    request = get_object_or_404(
        MentorRequest.objects.select_related("user"), participation=participation, pk=request_pk
    )
    request.participation = participation
    return request


def mentor_request_for_requester(
    user: User, round_slug: str, org_slug: str, request_pk: int
) -> MentorRequest:
    """The person who asked reads and confirms their request; the organization's admins and
    program admins may look (403); anyone else gets 404."""
    participation = _participation(round_slug, org_slug)
    request = get_object_or_404(
        MentorRequest.objects.select_related("user", "decided_by"),
        participation=participation,
        pk=request_pk,
    )
    request.participation = participation
    if user.is_authenticated and request.user_id == user.pk:
        return request
    roles = roles_in(user, participation)
    if roles.program_admin or roles.org_admin:
        raise PermissionDenied("Only the person who asked may confirm this request.")
    raise Http404
