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

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from applications.models import Proposal
from applications.permissions import round_for_applying
from people.models import User
from programs.models import Participation, Round
from programs.permissions import is_program_admin, participation_for_member, round_for_program_admin
from programs.roles import Roles, roles_in
from selection.models import Candidacy, Conflict, Interview, InterviewInvitation, InterviewSlot

# === Review and ranking ========================================================================


def may_read_reviews(roles: Roles) -> bool:
    """The review list, a proposal's review page, the ranking: the organization's people and
    program admins."""
    return roles.program_admin or roles.member


def may_review(roles: Roles) -> bool:
    """Scoring, commenting, flagging, setting aside, "I will mentor this": the organization's
    mentors and org admins (program admins read only)."""
    return roles.mentor or roles.org_admin


def sees_scores_at_once(roles: Roles) -> bool:
    """Org admins and program admins see every score; a mentor only after giving their own."""
    return roles.org_admin or roles.program_admin


def may_rank(roles: Roles) -> bool:
    """Changing the ranking and the criteria: the organization's admins."""
    return roles.org_admin


def sees_other_proposals(roles: Roles) -> bool:
    """An applicant's proposals to other organizations, as a count and their states: org
    admins and program admins."""
    return roles.org_admin or roles.program_admin


def reviewable_proposals(participation: Participation) -> QuerySet[Proposal]:
    """The proposals an organization reviews: submitted to its ideas, and those withdrawn
    after being submitted (shown greyed). Drafts never reach the organization."""
    return Proposal.objects.filter(
        idea__participation=participation,
        submitted_at__isnull=False,
        status__in=(Proposal.Status.SUBMITTED, Proposal.Status.WITHDRAWN),
    )


def participation_for_review(user: User, round_slug: str, org_slug: str) -> Participation:
    """The review list and the ranking (reading): the organization's people and program
    admins; anyone else gets 404."""
    return participation_for_member(user, round_slug, org_slug)


def participation_for_ranking(user: User, round_slug: str, org_slug: str) -> Participation:
    """Changing the ranking or the criteria: org admins; mentors and program admins 403."""
    participation = participation_for_member(user, round_slug, org_slug)
    if not may_rank(roles_in(user, participation)):
        raise PermissionDenied("Only the organization's admins change its ranking and criteria.")
    return participation


def proposal_for_review(user: User, round_slug: str, org_slug: str, pk: int) -> Proposal:
    """One proposal of the organization's list: 404 for people outside it (a mentor of
    another organization cannot tell whether it exists) and for drafts."""
    participation = participation_for_member(user, round_slug, org_slug)
    return get_object_or_404(
        reviewable_proposals(participation).select_related(
            "applicant",
            "application",
            "idea__participation__round__rules",
            "idea__participation__organization",
        ),
        pk=pk,
    )


def proposal_for_reviewing(user: User, round_slug: str, org_slug: str, pk: int) -> Proposal:
    """Scoring, flagging, committing: the organization's mentors and org admins; program
    admins read (403)."""
    proposal = proposal_for_review(user, round_slug, org_slug, pk)
    if not may_review(roles_in(user, proposal.idea.participation)):
        raise PermissionDenied("Only the organization's mentors and admins review proposals.")
    return proposal


def proposal_in_ranking(participation: Participation, raw_pk: str) -> Proposal:
    """The proposal a ranking form names: one of the organization's, else 404."""
    if not (raw_pk.isascii() and raw_pk.isdigit()) or len(raw_pk) > 12:
        raise Http404
    return get_object_or_404(
        reviewable_proposals(participation).select_related("idea__participation__round__rules"),
        pk=int(raw_pk),
    )


def require_reviewer(user: User, participation: Participation) -> Roles:
    """The services' check (a service may be called from elsewhere than its page): a refusal
    they raise as a ValidationError, like every rule of a service."""
    roles = roles_in(user, participation)
    if not may_review(roles):
        raise ValidationError("Only the organization's mentors and admins review proposals.")
    return roles


def require_ranker(user: User, participation: Participation) -> None:
    if not may_rank(roles_in(user, participation)):
        raise ValidationError("Only the organization's admins change its ranking and criteria.")


# === Interviews ================================================================================
# A mentor (or org admin) of the organization publishes slots and invites flagged applicants;
# the invited applicant books, cancels or moves; the interview's notes and outcome are the
# organization's (its mentors and org admins read them, program admins too; only the
# interviewer and the org admins write them), never the applicant's. The services ask the
# same rules (`may_interview`, `may_record_interview`, `may_change_interview`).


def may_interview(roles: Roles) -> bool:
    """Publishing slots and inviting: the organization's mentors and org admins."""
    return roles.mentor or roles.org_admin


def may_read_interviews(roles: Roles) -> bool:
    """An interview's page, with its notes and outcome: the organization and program admins."""
    return roles.program_admin or roles.member


def may_record_interview(roles: Roles, *, is_its_mentor: bool) -> bool:
    """Notes, outcome, cancelling or moving from the organization's side: the interviewer
    while their role is active, and the organization's admins."""
    return roles.org_admin or (roles.mentor and is_its_mentor)


def may_change_interview(user: User, interview: Interview, roles: Roles) -> bool:
    """Cancelling or moving: the applicant, or the organization's side as above."""
    if interview.applicant_id == user.pk:
        return True
    return may_record_interview(roles, is_its_mentor=interview.mentor_id == user.pk)


def participation_for_interviewing(user: User, round_slug: str, org_slug: str) -> Participation:
    """The slots page and inviting: the organization's mentors and org admins; program admins
    may know the organization's interviews but hold none (403); anyone else gets 404."""
    participation = participation_for_member(user, round_slug, org_slug)
    if may_interview(roles_in(user, participation)):
        return participation
    raise PermissionDenied("Only the organization's mentors and admins hold interviews.")


def candidacy_for_invite(user: User, round_slug: str, org_slug: str, pk: int) -> Candidacy:
    """Inviting the applicant of a proposal (its id is the candidacy's) of the organization."""
    participation = participation_for_interviewing(user, round_slug, org_slug)
    return get_object_or_404(
        Candidacy.objects.select_related("proposal", "applicant", "participation__round"),
        participation=participation,
        pk=pk,
    )


def _org_interviews(participation: Participation):
    return Interview.objects.filter(slot__participation=participation).select_related(
        "slot__participation__round",
        "slot__participation__organization",
        "mentor",
        "applicant",
        "cancelled_by",
        "invitation__candidacy__proposal",
        "moved_to",
    )


def interview_for_org(user: User, round_slug: str, org_slug: str, pk: int) -> Interview:
    """One interview of the organization: its people and program admins; anyone else, the
    applicant included (notes and outcome are not theirs), gets 404."""
    participation = participation_for_member(user, round_slug, org_slug)
    return get_object_or_404(_org_interviews(participation), pk=pk)


def require_recording(user: User, interview: Interview) -> None:
    """Writing notes, the outcome, cancelling or moving from the interview's page."""
    roles = roles_in(user, interview.slot.participation)
    if not may_record_interview(roles, is_its_mentor=interview.mentor_id == user.pk):
        raise PermissionDenied(
            "Only the interviewer and the organization's admins change an interview."
        )


def round_for_interviews(user: User, round_slug: str) -> Round:
    """The applicant's interviews page shows only their own rows; the round's mentors and org
    admins, who do not apply, get 403 (as on the applicant's other pages)."""
    return round_for_applying(user, round_slug)


def slot_for_booking(user: User, round_slug: str, pk: int) -> InterviewSlot:
    """A slot is offered to the applicants its mentor invited; the organization's people and
    program admins know it (403); anyone else gets 404."""
    slot = get_object_or_404(
        InterviewSlot.objects.select_related("participation__round", "mentor"),
        participation__round__slug=round_slug,
        withdrawn_at__isnull=True,
        pk=pk,
    )
    invited = InterviewInvitation.objects.filter(
        mentor=slot.mentor_id,
        candidacy__participation=slot.participation_id,
        candidacy__applicant=user.pk,
    )
    if user.is_authenticated and invited.exists():
        return slot
    roles = roles_in(user, slot.participation)
    if roles.program_admin or roles.member:
        raise PermissionDenied("Only the applicants the mentor invited book their slots.")
    raise Http404


def interview_for_applicant(user: User, round_slug: str, pk: int) -> Interview:
    """The applicant cancels or moves their own interview here; the organization's people and
    program admins do it from the organization's page (403); anyone else gets 404."""
    interview = get_object_or_404(
        Interview.objects.select_related(
            "slot__participation__round", "slot__participation__organization", "mentor"
        ),
        slot__participation__round__slug=round_slug,
        pk=pk,
    )
    if interview.applicant_id == user.pk:
        return interview
    roles = roles_in(user, interview.slot.participation)
    if roles.program_admin or roles.member:
        raise PermissionDenied("Only the applicant changes their booking here.")
    raise Http404


def interview_for_calendar(user: User, pk: int) -> Interview:
    """The calendar file: the two sides and the organization's people. Program admins, who
    may read the interview, get 403; anyone else 404."""
    interview = get_object_or_404(
        Interview.objects.select_related(
            "slot__participation__round", "slot__participation__organization", "mentor", "applicant"
        ),
        pk=pk,
    )
    if user.pk in (interview.applicant_id, interview.mentor_id):
        return interview
    roles = roles_in(user, interview.slot.participation)
    if roles.member:
        return interview
    if roles.program_admin:
        raise PermissionDenied("Only the two sides and the organization's people download it.")
    raise Http404


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
