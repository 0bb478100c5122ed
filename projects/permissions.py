"""Who may see, write, review or discuss a project idea: the only place that decides.

- Published ideas (approved, organization accepted, round's ideas date come) are public.
- Any other idea is private to its mentors while their mentor role is active (one who left
  or was removed stays named on it but no longer reads it), the organization's admins and
  program admins, and to the applicant who proposed it (a custom idea). A custom idea
  awaiting a mentor is also shown to the organization's mentors, who may adopt it. Everyone
  else gets 404.
- Only the idea's mentors and the org admins edit it; only org admins who are not among its
  mentors review it. People who can see an idea but not do the thing get 403.
- Organization-level pages (writing a new idea, the review queue, importing a page): people
  outside the organization get 404; program admins and members without the role get 403.
"""

import operator
from dataclasses import dataclass
from datetime import datetime
from functools import reduce

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from people.models import User
from programs.models import Participation
from programs.permissions import participation_for_public
from programs.roles import Roles, roles_in
from projects.models import IdeaComment, IdeaMentor, ProjectIdea

# --- The rules, each stated once --------------------------------------------------------------
# The helpers below (views) and the services (projects.services) both decide with these, from
# the same `roles_in`, which asks the database once per request.


def may_see_all_ideas(roles: Roles) -> bool:
    """Every idea of the organization, in any state: its org admins and program admins."""
    return roles.program_admin or roles.org_admin


def may_edit(roles: Roles, *, mentors_it: bool) -> bool:
    """The organization's admins write any idea; its mentors write the ones they mentor while
    their mentor role is active."""
    return roles.org_admin or (roles.mentor and mentors_it)


def may_review(roles: Roles, *, mentors_it: bool) -> bool:
    """Org admins review, never an idea they mentor themselves."""
    return roles.org_admin and not mentors_it


def may_author(roles: Roles) -> bool:
    """Writing new ideas, adopting a custom idea: the organization's mentors and admins."""
    return roles.org_admin or roles.mentor


def may_run_ideas(roles: Roles) -> bool:
    """The review queue, the approval rule, importing a page: the organization's admins."""
    return roles.org_admin


def may_import_ideas(roles: Roles) -> bool:
    """Importing a wiki page of ideas: org admins (the page); program admins too, only from the
    `ideas_import` command, since the page is the organization's own (see below)."""
    return roles.program_admin or may_run_ideas(roles)


def may_write_notes(roles: Roles) -> bool:
    """The organization's private notes: its active org admins and mentors, program admins."""
    return roles.program_admin or may_author(roles)


# --- Access helpers -------------------------------------------------------------------------


def _ideas_of(participation: Participation) -> QuerySet[ProjectIdea]:
    return ProjectIdea.objects.filter(participation=participation).select_related(
        "participation__round__program", "participation__organization", "proposed_by"
    )


def visible_ideas(user: User, participation: Participation) -> QuerySet[ProjectIdea]:
    """The ideas of one participation this person may see, as one query."""
    ideas = _ideas_of(participation)
    roles = roles_in(user, participation)
    if may_see_all_ideas(roles):
        return ideas
    # Whether the participation publishes is known here (its status and its round's ideas
    # date), so only the idea's own status is left to the query: no subquery over every
    # published idea of the site, and no join that would need DISTINCT.
    shown = []
    if _publishes(participation, timezone.now()):
        shown.append(Q(status=ProjectIdea.Status.APPROVED))
    if user.is_authenticated:
        shown.append(Q(proposed_by=user))
    if roles.mentor:
        # Access follows the active role: a mentor who left or was removed stays named on the
        # ideas they co-mentored, but no longer reads the unpublished ones.
        mentored = IdeaMentor.objects.filter(user=user).values("idea_id")
        shown += [Q(pk__in=mentored), Q(status=ProjectIdea.Status.PROPOSED)]
    if not shown:
        return ideas.none()
    return ideas.filter(reduce(operator.or_, shown))


def _publishes(participation: Participation, now: datetime) -> bool:
    """The participation's half of ProjectIdea.is_published_at."""
    return (
        participation.status == Participation.Status.ACCEPTED
        and participation.round.ideas_published <= now
    )


def idea_for_view(user: User, round_slug: str, org_slug: str, idea_slug: str) -> ProjectIdea:
    participation = participation_for_public(user, round_slug, org_slug)
    return get_object_or_404(visible_ideas(user, participation), slug=idea_slug)


def is_idea_mentor(user: User, idea: ProjectIdea) -> bool:
    return user.is_authenticated and idea.mentors.filter(user=user).exists()


def idea_for_edit(user: User, round_slug: str, org_slug: str, idea_slug: str) -> ProjectIdea:
    """Its mentors and the org admins write; others who can see it get 403."""
    idea = idea_for_view(user, round_slug, org_slug, idea_slug)
    if may_edit(roles_in(user, idea.participation), mentors_it=is_idea_mentor(user, idea)):
        return idea
    raise PermissionDenied("Only the idea's mentors and the organization's admins edit it.")


def idea_for_review(user: User, round_slug: str, org_slug: str, idea_slug: str) -> ProjectIdea:
    """Org admins review, never an idea they mentor themselves."""
    idea = idea_for_view(user, round_slug, org_slug, idea_slug)
    roles = roles_in(user, idea.participation)
    if not roles.org_admin:
        raise PermissionDenied("Only the organization's admins review ideas.")
    if not may_review(roles, mentors_it=is_idea_mentor(user, idea)):
        raise PermissionDenied("You mentor this idea, so another org admin must review it.")
    return idea


def participation_for_authoring(user: User, round_slug: str, org_slug: str) -> Participation:
    """Writing new ideas (or importing a page): the organization's mentors and admins."""
    participation = participation_for_public(user, round_slug, org_slug)
    roles = roles_in(user, participation)
    if may_author(roles):
        return participation
    if roles.program_admin:
        raise PermissionDenied("Only the organization's mentors and admins write its ideas.")
    raise Http404


def participation_for_idea_admin(user: User, round_slug: str, org_slug: str) -> Participation:
    """The review queue, the approval rule and importing a page: org admins only."""
    participation = participation_for_public(user, round_slug, org_slug)
    roles = roles_in(user, participation)
    if may_run_ideas(roles):
        return participation
    if roles.program_admin or roles.member:
        raise PermissionDenied("Only the organization's admins do this.")
    raise Http404


# --- Discussion and custom ideas (what applicants see) -----------------------------------------


def idea_for_comment(
    user: User, round_slug: str, org_slug: str, idea_slug: str, visibility: str
) -> ProjectIdea:
    """Anyone signed in who can see the idea asks in public (the service opens the thread
    once the idea is published); private notes are for the organization's people (403 for
    others who can see the idea)."""
    idea = idea_for_view(user, round_slug, org_slug, idea_slug)
    if visibility == IdeaComment.Visibility.ORGANIZATION and not may_write_notes(
        roles_in(user, idea.participation)
    ):
        raise PermissionDenied("Only the organization's mentors and admins read and write notes.")
    return idea


def participation_for_custom_idea(user: User, round_slug: str, org_slug: str) -> Participation:
    """Applicants propose ideas of their own to an accepted organization; its own mentors
    and admins write ideas with the idea form instead (403)."""
    participation = participation_for_public(user, round_slug, org_slug)
    if roles_in(user, participation).member:
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
    if not may_author(roles_in(user, idea.participation)):
        raise PermissionDenied("Only the organization's mentors and admins adopt ideas.")
    return idea


@dataclass(frozen=True)
class IdeaAbilities:
    """What the viewer of an idea page may do there, by the rules above, so the page offers
    exactly the buttons whose views would let the person through."""

    edit: bool
    review: bool
    write_notes: bool
    adopt: bool
    see_addresses: bool


def idea_abilities(user: User, idea: ProjectIdea) -> IdeaAbilities:
    """The roles known from the access check; the idea's mentors are read from its prefetched
    rows when present."""
    roles = roles_in(user, idea.participation)
    mentors_it = user.is_authenticated and any(m.user_id == user.pk for m in idea.mentors.all())
    return IdeaAbilities(
        edit=may_edit(roles, mentors_it=mentors_it),
        review=may_review(roles, mentors_it=mentors_it),
        write_notes=may_write_notes(roles),
        adopt=idea.status == ProjectIdea.Status.PROPOSED and may_author(roles),
        see_addresses=may_see_addresses(roles),
    )


def may_see_addresses(roles: Roles) -> bool:
    """Mentors' email addresses: the organization's own people (any active role in the
    participation) and program admins see them all. Everyone else sees an address only where
    its owner chose to show it (User.show_email), never one of a person without an account."""
    return roles.member or roles.program_admin


def sees_addresses(user: User, participation: Participation) -> bool:
    return may_see_addresses(roles_in(user, participation))
