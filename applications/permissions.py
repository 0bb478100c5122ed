"""Who may see or act on an application, a contribution or a proposal: the only place that
decides (views and services both ask here). The rules the pages will state, from the issue:

- An application, and each proposal, is private to its applicant, the mentors and org admins
  of the idea's organization (for a proposal; for an application, of the organizations the
  applicant proposed to or contributed to), and program admins. Everyone else gets 404.
- A contribution is seen by its applicant, the mentors and org admins of its organization and
  program admins; only a mentor (or org admin) of that organization confirms or rejects it.
- A proposal's `preference` reaches program admins only (page, JSON and email).
- Mentors of an organization list the submitted proposals to its ideas.

Nothing here yet: each rule lands with the first view that needs it.
"""

# --- Dashboard: the applicant's page and the mentors' proposal list ---------------------------

from django.http import Http404
from django.shortcuts import get_object_or_404

from people.models import User
from programs.models import Participation, Round
from programs.permissions import participation_for_member, round_for_public
from programs.roles import Roles, roles_in
from projects.models import ProjectIdea


def may_list_proposals(roles: Roles) -> bool:
    """The submitted proposals to an organization's ideas: its mentors and org admins, and
    program admins."""
    return roles.program_admin or roles.member


def round_for_applicant(user: User, round_slug: str) -> Round:
    """A person's own dashboard in a round: rounds are public, and the page shows only the
    signed-in person's own rows, so any signed-in person may open it (the view asks for a
    login first)."""
    return round_for_public(round_slug)


def participation_for_proposal_list(user: User, round_slug: str, org_slug: str) -> Participation:
    """The mentors' list: the organization's mentors and org admins, and program admins;
    everyone else (applicants, other organizations' mentors) gets 404."""
    participation = participation_for_member(user, round_slug, org_slug)
    if not may_list_proposals(roles_in(user, participation)):
        raise Http404
    return participation


def idea_of(participation: Participation, idea_slug: str) -> ProjectIdea:
    """An idea to filter the list by, looked up through its organization (unknown: 404)."""
    return get_object_or_404(ProjectIdea, participation=participation, slug=idea_slug)
