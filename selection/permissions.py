"""Who may see and change what in review, interviews and selection: the only place that decides
(views and services both ask here). Outsiders get 404 (a mentor of another organization
cannot tell whether a proposal exists), read-only people 403.

The rules, stated once:
- A proposal's review (scores, comments, flags, rank, commitments, interview notes and
  outcomes) is its organization's: active mentors and org admins of the idea's
  participation, and program admins. Never the applicant's, never another organization's.
- A mentor sees the other mentors' scores and comments on a proposal only after giving their
  own (org admins and program admins see them at once).
- Ranking and selection are org admins' (mentors read the ranking: 403 on changing it).
- Conflicts between organizations and the round's selection table are program admins'.
- An applicant sees their own invitations and bookings, and the results of the round only
  from its results time on.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from people.models import User
from programs.models import Participation, Round
from programs.permissions import is_program_admin, participation_for_member, round_for_program_admin
from programs.roles import Roles, roles_in
from selection.models import Candidacy, Conflict

# === Review and ranking ========================================================================

# === Interviews ================================================================================

# === Selection and the announcement ============================================================
#
# Selection is the organization's: its org admins select (program admins may stand in, and
# after the results only they change a selection, with a reason); its mentors read the list
# (403 on acting); anyone else, a mentor of another organization or an applicant, gets 404.
# The round's table and its conflicts are program admins': the table is about a public round
# (403 for others, as programs' pages of the round say), a conflict names an applicant and
# their order of preference, so nobody else learns it exists (404).


def may_select(roles: Roles) -> bool:
    """Selecting and deselecting: the organization's org admins, and program admins."""
    return roles.org_admin or roles.program_admin


def may_read_selection(roles: Roles) -> bool:
    """The slots and the ranked list: the organization's people and program admins."""
    return roles.member or roles.program_admin


def participation_for_selection(
    user: User, round_slug: str, org_slug: str, *, acting: bool = False
) -> Participation:
    """The selection page: its organization's people and program admins read it; acting
    (a POST) is for those `may_select` lets through, 403 for the mentors."""
    participation = participation_for_member(user, round_slug, org_slug)
    roles = roles_in(user, participation)
    if not may_read_selection(roles):
        raise Http404
    if acting and not may_select(roles):
        raise PermissionDenied("Only the organization's admins select its interns.")
    return participation


def candidacy_of(participation: Participation, proposal_pk: int) -> Candidacy:
    """A candidacy looked up through its (checked) participation: another organization's
    proposal is not found."""
    candidacy = get_object_or_404(
        Candidacy.objects.select_related("proposal"),
        participation=participation,
        pk=proposal_pk,
    )
    candidacy.participation = participation
    return candidacy


def round_for_selection_table(user: User, round_slug: str) -> Round:
    """Each organization's slots, selections and conflicts: program admins (403 for others)."""
    return round_for_program_admin(user, round_slug)


def conflict_for_program_admin(user: User, round_slug: str, pk: int) -> Conflict:
    """A conflict and the applicant's order of preference: program admins only; everyone
    else is told nothing exists (404)."""
    if not is_program_admin(user):
        raise Http404
    return get_object_or_404(
        Conflict.objects.select_related(
            "round__rules", "round__program", "applicant", "resolved_by"
        ),
        round__slug=round_slug,
        pk=pk,
    )
