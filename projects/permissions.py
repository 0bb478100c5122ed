"""Who may see, write, review or discuss a project idea: the only place that decides.

- Published ideas (approved, organization accepted, round's ideas date come) are public.
- Any other idea is private to its mentors, the organization's admins and program admins, and
  to the applicant who proposed it (a custom idea). A custom idea awaiting a mentor is also
  shown to the organization's mentors, who may adopt it. Everyone else gets 404.
- Only the idea's mentors and the org admins edit it; only org admins who are not among its
  mentors review it. People who can see an idea but not do the thing get 403.
- Organization-level pages (writing a new idea, the review queue, importing a page): people
  outside the organization get 404; program admins and members without the role get 403.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from people.models import User
from programs.models import Membership, Participation
from programs.permissions import active_roles, is_program_admin, participation_for_public
from projects.models import IdeaComment, ProjectIdea

ORG_ADMIN = Membership.Role.ORG_ADMIN
MENTOR = Membership.Role.MENTOR


def _ideas_of(participation: Participation) -> QuerySet[ProjectIdea]:
    return ProjectIdea.objects.filter(participation=participation).select_related(
        "participation__round__program", "participation__organization", "proposed_by"
    )


def visible_ideas(user: User, participation: Participation) -> QuerySet[ProjectIdea]:
    """The ideas of one participation this person may see, as one query."""
    ideas = _ideas_of(participation)
    if is_program_admin(user):
        return ideas
    roles = active_roles(user, participation)
    if ORG_ADMIN in roles:
        return ideas
    visible = Q(pk__in=ProjectIdea.objects.published(timezone.now()).values("pk"))
    if user.is_authenticated:
        visible |= Q(mentors__user=user) | Q(proposed_by=user)
        if MENTOR in roles:
            visible |= Q(status=ProjectIdea.Status.PROPOSED)
    return ideas.filter(visible).distinct()


def idea_for_view(user: User, round_slug: str, org_slug: str, idea_slug: str) -> ProjectIdea:
    participation = participation_for_public(user, round_slug, org_slug)
    return get_object_or_404(visible_ideas(user, participation), slug=idea_slug)


def is_idea_mentor(user: User, idea: ProjectIdea) -> bool:
    return user.is_authenticated and idea.mentors.filter(user=user).exists()


def may_edit(roles: set[str], *, mentors_it: bool) -> bool:
    """The one rule for writing an idea: the organization's admins write any idea; its
    mentors write the ones they mentor while their mentor role is active."""
    return ORG_ADMIN in roles or (MENTOR in roles and mentors_it)


def idea_for_edit(user: User, round_slug: str, org_slug: str, idea_slug: str) -> ProjectIdea:
    """Its mentors and the org admins write; others who can see it get 403."""
    idea = idea_for_view(user, round_slug, org_slug, idea_slug)
    roles = active_roles(user, idea.participation)
    if may_edit(roles, mentors_it=is_idea_mentor(user, idea)):
        return idea
    raise PermissionDenied("Only the idea's mentors and the organization's admins edit it.")


def idea_for_review(user: User, round_slug: str, org_slug: str, idea_slug: str) -> ProjectIdea:
    """Org admins review, never an idea they mentor themselves."""
    idea = idea_for_view(user, round_slug, org_slug, idea_slug)
    if ORG_ADMIN not in active_roles(user, idea.participation):
        raise PermissionDenied("Only the organization's admins review ideas.")
    if is_idea_mentor(user, idea):
        raise PermissionDenied("You mentor this idea, so another org admin must review it.")
    return idea


def participation_for_authoring(user: User, round_slug: str, org_slug: str) -> Participation:
    """Writing new ideas (or importing a page): the organization's mentors and admins."""
    participation = participation_for_public(user, round_slug, org_slug)
    if active_roles(user, participation) & {ORG_ADMIN, MENTOR}:
        return participation
    if is_program_admin(user):
        raise PermissionDenied("Only the organization's mentors and admins write its ideas.")
    raise Http404


def participation_for_idea_admin(user: User, round_slug: str, org_slug: str) -> Participation:
    """The review queue, the approval rule and importing a page: org admins only."""
    participation = participation_for_public(user, round_slug, org_slug)
    if ORG_ADMIN in active_roles(user, participation):
        return participation
    if is_program_admin(user) or active_roles(user, participation):
        raise PermissionDenied("Only the organization's admins do this.")
    raise Http404


# --- Discussion and custom ideas (what applicants see) -----------------------------------------


def may_write_notes(user: User, participation: Participation) -> bool:
    """The organization's private notes: its active org admins and mentors, and program admins."""
    return is_program_admin(user) or bool(active_roles(user, participation) & {ORG_ADMIN, MENTOR})


def may_adopt(user: User, participation: Participation) -> bool:
    """Adopting a custom idea makes one its mentor: the organization's mentors and admins."""
    return bool(active_roles(user, participation) & {ORG_ADMIN, MENTOR})


def idea_for_comment(
    user: User, round_slug: str, org_slug: str, idea_slug: str, visibility: str
) -> ProjectIdea:
    """Anyone signed in who can see the idea asks in public (the service opens the thread
    once the idea is published); private notes are for the organization's people (403 for
    others who can see the idea)."""
    idea = idea_for_view(user, round_slug, org_slug, idea_slug)
    if visibility == IdeaComment.Visibility.ORGANIZATION and not may_write_notes(
        user, idea.participation
    ):
        raise PermissionDenied("Only the organization's mentors and admins read and write notes.")
    return idea


def participation_for_custom_idea(user: User, round_slug: str, org_slug: str) -> Participation:
    """Applicants propose ideas of their own to an accepted organization; its own mentors
    and admins write ideas with the idea form instead (403)."""
    participation = participation_for_public(user, round_slug, org_slug)
    if active_roles(user, participation):
        raise PermissionDenied(
            "You take part in this organization: write an idea with the idea form instead."
        )
    if participation.status != Participation.Status.ACCEPTED:
        raise Http404  # only program admins get here; there is nothing to propose to
    return participation


def idea_for_adopt(user: User, round_slug: str, org_slug: str, idea_slug: str) -> ProjectIdea:
    """A custom idea is adopted by a mentor or org admin of its organization; others who can
    see it (its proposer, program admins) get 403."""
    idea = idea_for_view(user, round_slug, org_slug, idea_slug)
    if not may_adopt(user, idea.participation):
        raise PermissionDenied("Only the organization's mentors and admins adopt ideas.")
    return idea


@dataclass(frozen=True)
class IdeaAbilities:
    """What the viewer of an idea page may do there, mirroring the helpers above, so the page
    offers exactly the buttons whose views would let the person through."""

    edit: bool
    review: bool
    write_notes: bool
    adopt: bool
    see_addresses: bool


def idea_abilities(user: User, idea: ProjectIdea) -> IdeaAbilities:
    """One roles query; the idea's mentors are read from its prefetched rows when present."""
    roles = active_roles(user, idea.participation)
    mentors_it = user.is_authenticated and any(m.user_id == user.pk for m in idea.mentors.all())
    return IdeaAbilities(
        edit=may_edit(roles, mentors_it=mentors_it),
        review=ORG_ADMIN in roles and not mentors_it,
        write_notes=is_program_admin(user) or bool(roles & {ORG_ADMIN, MENTOR}),
        adopt=idea.status == ProjectIdea.Status.PROPOSED and bool(roles & {ORG_ADMIN, MENTOR}),
        see_addresses=_sees_addresses(user, roles),
    )


def _sees_addresses(user: User, roles: set[str]) -> bool:
    return bool(roles) or is_program_admin(user)


def sees_addresses(user: User, participation: Participation) -> bool:
    """Mentors' email addresses: the organization's own people (any active role in the
    participation) and program admins see them all. Everyone else sees an address only where
    its owner chose to show it (User.show_email), never one of a person without an account."""
    return _sees_addresses(user, active_roles(user, participation))


def may_review_ideas(user: User, participation: Participation) -> bool:
    """Whether to offer the review queue: the organization's active org admins."""
    return ORG_ADMIN in active_roles(user, participation)
