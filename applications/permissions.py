"""Who may see or act on an application, a contribution or a proposal: the only place that
decides (views and services both ask here). The rules the pages will state, from the issue:

- An application, and each proposal, is private to its applicant, the mentors and org admins
  of the idea's organization (for a proposal; for an application, of the organizations the
  applicant proposed to or contributed to), and program admins. Everyone else gets 404.
- A contribution is seen by its applicant, the mentors and org admins of its organization and
  program admins; only a mentor (or org admin) of that organization confirms or rejects it.
- A proposal's `preference` reaches program admins only (page, JSON and email).
- Mentors of an organization list the submitted proposals to its ideas.

Each rule lands with the first view that needs it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from applications.models import Application, Contribution, Proposal
from people.models import User
from programs.models import Membership, Participation, Round
from programs.permissions import round_for_public
from programs.roles import Roles, roles_in
from programs.timeline import Phase
from projects.models import ProjectIdea
from projects.permissions import idea_for_view

# === Eligibility and contributions ==============================================================
# The applicant's own application and contributions, a program admin's ineligible verdict, a
# mentor's confirm or reject. The services ask the same rules (`holds_a_role_in`,
# `may_review_contributions`), so a call from elsewhere than the page is held to them too.


def holds_a_role_in(user: User, round_: Round) -> bool:
    """An active org admin or mentor of any organization of the round: they run the round's
    selection, so they do not apply to it (as Google Summer of Code's rules say)."""
    return Membership.objects.active().filter(participation__round=round_, user=user).exists()


def may_review_contributions(roles: Roles) -> bool:
    """Confirming or rejecting a contribution: the organization's mentors and org admins."""
    return roles.mentor or roles.org_admin


def round_for_applying(user: User, round_slug: str) -> Round:
    """The applicant's own pages in a round (their application, their contributions): any
    signed-in person, about themselves only (the address names no one else). The round's
    mentors and org admins may read the round but do not apply (403)."""
    round_ = round_for_public(round_slug)
    if holds_a_role_in(user, round_):
        raise PermissionDenied(
            "You hold a role in an organization of this round, so you cannot apply to it."
        )
    return round_


def _contributions_in(round_: Round):
    return Contribution.objects.filter(participation__round=round_).select_related(
        "participation__organization", "participation__round", "applicant", "reviewed_by"
    )


def contribution_for_edit(user: User, round_slug: str, pk: int) -> Contribution:
    """Its applicant edits it; the organization's mentors and org admins and program admins
    may read it (403); anyone else, another applicant or a mentor elsewhere, gets 404."""
    round_ = round_for_public(round_slug)
    contribution = get_object_or_404(_contributions_in(round_), pk=pk)
    if contribution.applicant_id == user.pk:
        return contribution
    roles = roles_in(user, contribution.participation)
    if roles.program_admin or roles.member:
        raise PermissionDenied("Only the applicant who recorded it edits a contribution.")
    raise Http404


def contribution_for_review(user: User, round_slug: str, org_slug: str, pk: int) -> Contribution:
    """A mentor or org admin of the contribution's organization confirms or rejects it;
    program admins and its own applicant see it (403); anyone else gets 404."""
    round_ = round_for_public(round_slug)
    contribution = get_object_or_404(
        _contributions_in(round_), pk=pk, participation__organization__slug=org_slug
    )
    roles = roles_in(user, contribution.participation)
    if may_review_contributions(roles) and contribution.applicant_id != user.pk:
        return contribution
    if roles.program_admin or roles.member or contribution.applicant_id == user.pk:
        raise PermissionDenied(
            "Only the organization's mentors and org admins confirm or reject a contribution, "
            "never their own."
        )
    raise Http404


def _sees_application(user: User, application: Application) -> bool:
    """The mentors and org admins of an organization the applicant contributed or proposed
    to see their application (as a mentor's list shows it)."""
    involved = Participation.objects.filter(round=application.round_id).filter(
        pk__in=Contribution.objects.filter(applicant=application.applicant_id).values(
            "participation"
        )
    ) | Participation.objects.filter(
        round=application.round_id,
        ideas__proposals__application=application,
    )
    return (
        Membership.objects.active()
        .filter(user=user, participation__in=involved.values("pk"))
        .exists()
    )


def application_for_verdict(user: User, round_slug: str, pk: int) -> Application:
    """A program admin marks an application ineligible (or undoes it). Its applicant, and the
    mentors and org admins who may see the application, get 403; anyone else gets 404."""
    round_ = round_for_public(round_slug)
    application = get_object_or_404(
        Application.objects.select_related("applicant", "round__program", "round__rules"),
        round=round_,
        pk=pk,
    )
    if user.is_authenticated and user.runs_programs:
        return application
    if application.applicant_id == user.pk or (
        user.is_authenticated and _sees_application(user, application)
    ):
        raise PermissionDenied("Only program admins decide who is eligible.")
    raise Http404


def round_for_application_list(user: User, round_slug: str) -> Round:
    """A round's list of applications: program admins only. The round's mentors and org
    admins, who see the applications of those who proposed or contributed to them, get 403;
    anyone else (an applicant, a person with no role in the round) gets 404, as the list
    names people who applied."""
    round_ = round_for_public(round_slug)
    if user.is_authenticated and user.runs_programs:
        return round_
    if holds_a_role_in(user, round_):
        raise PermissionDenied("Only program admins list the applications of a round.")
    raise Http404


# --- Proposals ------------------------------------------------------------------------------
# A proposal is private to its author, the mentors and org admins of its idea's organization
# (who read it: 403 on a change) and program admins; everyone else gets 404. The applicant's
# order of preference reaches program admins only.


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
