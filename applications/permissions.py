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


# --- Proposals ------------------------------------------------------------------------------
# A proposal is private to its author, the mentors and org admins of its idea's organization
# (who read it: 403 on a change) and program admins; everyone else gets 404. The applicant's
# order of preference reaches program admins only.

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from applications.models import Proposal
from people.models import User
from programs.roles import Roles, roles_in
from programs.timeline import Phase
from projects.models import ProjectIdea
from projects.permissions import idea_for_view


def may_read_proposal(roles: Roles, *, is_author: bool) -> bool:
    return is_author or roles.program_admin or roles.member


def may_see_preference(user: User) -> bool:
    """The applicant's order among their proposals: program admins only (the applicant
    sets it on their own page, which shows only their own rows)."""
    return user.is_authenticated and user.runs_programs


def may_apply(roles: Roles, *, signed_in: bool, phase: str) -> bool:
    """ "Apply to this idea": signed-in people who are not among the organization's people,
    while the round takes applications."""
    return signed_in and not roles.member and phase == Phase.APPLICATIONS


def _proposal(round_slug: str, pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related(
            "applicant",
            "exception_by",
            "application__round__rules",
            "idea__participation__organization",
            "idea__participation__round",
        ),
        pk=pk,
        application__round__slug=round_slug,
    )


def proposal_for_view(user: User, round_slug: str, pk: int) -> Proposal:
    proposal = _proposal(round_slug, pk)
    roles = roles_in(user, proposal.idea.participation)
    if may_read_proposal(roles, is_author=proposal.applicant_id == user.pk):
        return proposal
    raise Http404


def proposal_for_edit(user: User, round_slug: str, pk: int) -> Proposal:
    """Its author writes, submits and withdraws; the others who may read it get 403."""
    proposal = proposal_for_view(user, round_slug, pk)
    if proposal.applicant_id != user.pk:
        raise PermissionDenied("Only its author changes a proposal.")
    return proposal


def proposal_for_exception(user: User, round_slug: str, org_slug: str, pk: int) -> Proposal:
    """The after-deadline exception: org admins of the idea's organization; its mentors,
    program admins and the author read the proposal but get 403 here."""
    proposal = proposal_for_view(user, round_slug, pk)
    if proposal.idea.participation.organization.slug != org_slug:
        raise Http404
    if roles_in(user, proposal.idea.participation).org_admin:
        return proposal
    raise PermissionDenied("Only the organization's admins let a proposal be edited late.")


def idea_for_proposal(user: User, round_slug: str, org_slug: str, idea_slug: str) -> ProjectIdea:
    """Starting a proposal: anyone signed in who can see the idea and is not one of its
    organization's people (403 for them)."""
    idea = idea_for_view(user, round_slug, org_slug, idea_slug)
    if roles_in(user, idea.participation).member:
        raise PermissionDenied("You take part in this organization, so you cannot apply to it.")
    return idea


def idea_offers_apply(user: User, idea: ProjectIdea) -> bool:
    round_ = idea.participation.round
    return may_apply(
        roles_in(user, idea.participation),
        signed_in=user.is_authenticated,
        phase=round_.phase_at(timezone.now()),
    )
