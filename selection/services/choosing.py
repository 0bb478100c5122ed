"""Org admins select interns from their organization's ranked list, within its slots.

Every rule is checked here, whatever page calls, and a refusal names the rule:
- When: from the round's application deadline until its results time. After the results a
  change needs a program admin and a reason, recorded as made after the results
  (`change_allowed`, which leaves the rule after the results to `results.require_change_allowed`).
- Who: the organization's org admins, and program admins standing in; mentors only read.
- What: a submitted proposal to one of the organization's ideas, ranked, not set aside.
- The applicant: not marked ineligible, and at the organization's contribution gate.
- Mentoring: at least one mentor of the organization committed to the proposal, and none of
  them already committed to as many selected proposals as the round allows a mentor.
- Room: no more selections than the slots granted to the participation, and no more per idea
  than the organization's `interns_per_idea`.
- Conflicts: an applicant selected more times in the round than its
  `max_accepted_per_applicant` allows (by two organizations, with the usual rule of one) is
  a conflict, opened by the selection that makes it; a program admin resolves it
  (selection.services.conflicts).

Two clicks at once: the slots are counted under a lock on the participation's row, so two org
admins selecting at the same instant cannot both take the last slot; an applicant's other
selections are counted under a lock on their application to the round, so two organizations
selecting the same applicant at the same instant always open the conflict. The mentors'
limit is counted under a lock on the committed mentors' rows (a mentor may mentor for two
organizations). Locks are always taken in one order (participation, mentors, application,
candidacy), the order conflicts.py keeps too, so two changes never wait on each other.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from applications.models import Application, Contribution, Proposal
from people.dates import moment_for
from people.models import User
from programs.models import Membership, Participation, Round
from programs.roles import roles_in
from selection import permissions
from selection.models import Candidacy, Conflict, MentorCommitment, SelectionChange
from selection.services.results import require_change_allowed

logger = logging.getLogger(__name__)

Action = SelectionChange.Action
# A reason is a few sentences, not an essay; the form caps it the same.
MAX_REASON = 1000


@dataclass(frozen=True)
class Outcome:
    """What a selection did: the candidacy, now selected, and the conflict it opened or
    joined (None when the applicant is within the round's rule)."""

    candidacy: Candidacy
    conflict: Conflict | None


# --- When ------------------------------------------------------------------------------------


def change_allowed(*, round_: Round, by: User, reason: str, now: datetime) -> bool:
    """Whether a selection may change now, and whether the change comes after the results
    (returned, so the record says so). Refused before the application deadline; from the
    results time on, the round's own rule (`results.require_change_allowed`: a program admin,
    with a reason)."""
    if now < round_.applications_close:
        raise ValidationError(
            f"Selection opens at the application deadline, "
            f"{moment_for(by, round_.applications_close)}."
        )
    return require_change_allowed(round_=round_, by=by, reason=reason, now=now)


# --- Locks, in the one order -----------------------------------------------------------------


def _lock_participation(pk: int) -> Participation:
    """The slots' lock: every selection in the organization waits here for the one before."""
    return (
        Participation.objects.select_for_update(of=("self",))
        .select_related("round__rules", "organization")
        .get(pk=pk)
    )


def _lock_mentors(pks: list[int]) -> None:
    """The mentors' limit counts across organizations: their rows, in the order of their ids."""
    list(User.objects.select_for_update().filter(pk__in=pks).order_by("pk").values_list("pk"))


def lock_application(*, applicant_id: int, round_id: int) -> Application:
    """The conflict's lock: every selection of this applicant in the round, in any
    organization, waits here for the one before, so it counts the others' selections."""
    return Application.objects.select_for_update().get(applicant_id=applicant_id, round_id=round_id)


def _lock_candidacy(pk: int) -> Candidacy:
    return (
        Candidacy.objects.select_for_update(of=("self",))
        .select_related("proposal__idea", "applicant")
        .get(pk=pk)
    )


# --- The rules -------------------------------------------------------------------------------


def _require_selector(by: User, participation: Participation) -> None:
    if not permissions.may_select(roles_in(by, participation)):
        raise ValidationError("Only the organization's admins select its interns.")


def _require_in_the_running(candidacy: Candidacy) -> None:
    proposal = candidacy.proposal
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(f"“{proposal.title}” is {proposal.get_status_display().lower()}.")
    if candidacy.set_aside:
        raise ValidationError(
            f"“{proposal.title}” is set aside as {candidacy.get_set_aside_display().lower()}; "
            "put it back in the running and rank it first."
        )
    if candidacy.rank is None:
        raise ValidationError(
            f"“{proposal.title}” is not ranked: interns are selected from the ranked list."
        )


def _require_eligible(application: Application, applicant: User) -> None:
    if not application.is_eligible:
        raise ValidationError(
            f"{applicant.name} is marked ineligible for this round by a program admin "
            f"({application.ineligible_reason}), so they cannot be selected."
        )


def _require_gate(participation: Participation, applicant: User, by: User) -> None:
    required = participation.gate_contributions
    if not required or participation.gate_deadline is None:
        return
    counted = Contribution.objects.count_toward_gate(
        applicant=applicant, participation=participation
    )
    if counted < required:
        raise ValidationError(
            f"{applicant.name} is below {participation.organization.name}'s contribution gate: "
            f"{counted} of the {required} contribution{'s' if required != 1 else ''} required, "
            f"accepted upstream by {moment_for(by, participation.gate_deadline)} and confirmed "
            "by a mentor."
        )


def committed_mentors(proposal: Proposal, participation: Participation) -> list[User]:
    """The people committed to mentor the proposal who are still active mentors or org
    admins of its organization (one who left no longer counts)."""
    active = Membership.objects.active().filter(participation=participation)
    return list(
        User.objects.filter(
            mentor_commitments__proposal=proposal, pk__in=active.values("user_id")
        ).order_by("pk")
    )


def _require_mentors_within_limit(mentors: list[User], round_: Round, candidacy: Candidacy) -> None:
    """No committed mentor already committed to the round's limit of selected proposals."""
    limit = round_.rules.max_interns_per_mentor
    counts = dict(
        MentorCommitment.objects.to_selected_in(round_)
        .filter(mentor__in=mentors)
        .exclude(proposal_id=candidacy.pk)
        .values("mentor")
        .annotate(n=Count("proposal", distinct=True))
        .values_list("mentor", "n")
    )
    for mentor in mentors:
        if counts.get(mentor.pk, 0) >= limit:
            raise ValidationError(
                f"{mentor.name} is committed to {counts[mentor.pk]} selected proposal"
                f"{'s' if counts[mentor.pk] != 1 else ''} already, the most the round allows "
                f"one mentor ({limit}). Deselect one of theirs, or ask them to withdraw their "
                "commitment to this one."
            )


def _require_room(participation: Participation, candidacy: Candidacy) -> None:
    """The slots granted, and the organization's interns per idea."""
    name = participation.organization.name
    granted = participation.slots_granted
    if not granted:
        raise ValidationError(f"No slots are granted to {name} yet, so nobody can be selected.")
    selected = Candidacy.objects.selected().filter(participation=participation)
    used = selected.count()
    if used >= granted:
        raise ValidationError(
            f"All {granted} slot{'s' if granted != 1 else ''} granted to {name} are used "
            f"({used} selected). Deselect a proposal to select another."
        )
    per_idea = participation.interns_per_idea
    idea = candidacy.proposal.idea
    if selected.filter(proposal__idea_id=idea.pk).count() >= per_idea:
        raise ValidationError(
            f"“{idea.title}” already has {per_idea} selected intern"
            f"{'s' if per_idea != 1 else ''}, as many as {name} takes per idea."
        )


def _conflict_for(*, candidacy: Candidacy, round_: Round, now: datetime) -> Conflict | None:
    """Under the application's lock: the applicant's selections in the round, this one
    included, against the round's rule; beyond it, the open conflict (made now if none)."""
    selections = (
        Candidacy.objects.selected()
        .filter(applicant_id=candidacy.applicant_id, participation__round=round_)
        .count()
    )
    if selections <= round_.rules.max_accepted_per_applicant:
        return None
    conflict = Conflict.objects.open().filter(round=round_, applicant_id=candidacy.applicant_id)
    return conflict.first() or Conflict.objects.create(
        round=round_, applicant_id=candidacy.applicant_id, opened_at=now
    )


def record(
    candidacy: Candidacy, *, action: str, by: User, now: datetime, reason: str, after: bool
) -> SelectionChange:
    return SelectionChange.objects.create(
        candidacy=candidacy,
        action=action,
        by=by,
        at=now,
        reason=reason.strip()[:MAX_REASON],
        after_results=after,
    )


# --- Selecting and deselecting ---------------------------------------------------------------


@transaction.atomic
def candidacy_select(
    *, candidacy: Candidacy, by: User, reason: str = "", now: datetime | None = None
) -> Outcome:
    """Select the proposal: every rule of the module's docstring, under its locks. Returns
    the candidacy and the conflict the selection opened or joined, if any."""
    now = now or timezone.now()
    participation = _lock_participation(candidacy.participation_id)
    round_ = participation.round
    _require_selector(by, participation)
    after = change_allowed(round_=round_, by=by, reason=reason, now=now)
    mentors = committed_mentors(candidacy.proposal, participation)
    _lock_mentors([mentor.pk for mentor in mentors])
    application = lock_application(applicant_id=candidacy.applicant_id, round_id=round_.pk)
    locked = _lock_candidacy(candidacy.pk)
    if locked.participation_id != participation.pk:
        raise ValidationError("This proposal is not one of the organization's.")
    if locked.is_selected:
        raise ValidationError(f"“{locked.proposal.title}” is already selected.")
    _require_in_the_running(locked)
    _require_eligible(application, locked.applicant)
    _require_gate(participation, locked.applicant, by)
    if not mentors:
        raise ValidationError(
            f"No mentor of {participation.organization.name} is committed to "
            f"“{locked.proposal.title}”: a proposal is selected with a mentor who said "
            "“I will mentor this”."
        )
    _require_room(participation, locked)
    _require_mentors_within_limit(mentors, round_, locked)

    locked.selected_at = now
    locked.selected_by = by
    locked.save(update_fields=["selected_at", "selected_by"])
    record(locked, action=Action.SELECTED, by=by, now=now, reason=reason, after=after)
    conflict = _conflict_for(candidacy=locked, round_=round_, now=now)
    logger.info(
        "%s selected proposal %s for participation %s (conflict: %s)",
        by.pk,
        locked.pk,
        participation.pk,
        conflict.pk if conflict else None,
    )
    _copy(locked, candidacy)
    return Outcome(candidacy=candidacy, conflict=conflict)


@transaction.atomic
def candidacy_deselect(
    *, candidacy: Candidacy, by: User, reason: str = "", now: datetime | None = None
) -> Candidacy:
    """Withdraw the selection, freeing its slot. An open conflict of the applicant that this
    withdrawal settles (they are back within the round's rule) is closed with it."""
    now = now or timezone.now()
    participation = _lock_participation(candidacy.participation_id)
    round_ = participation.round
    _require_selector(by, participation)
    after = change_allowed(round_=round_, by=by, reason=reason, now=now)
    lock_application(applicant_id=candidacy.applicant_id, round_id=round_.pk)
    locked = _lock_candidacy(candidacy.pk)
    if locked.participation_id != participation.pk:
        raise ValidationError("This proposal is not one of the organization's.")
    if not locked.is_selected:
        raise ValidationError(f"“{locked.proposal.title}” is not selected.")
    locked.selected_at = None
    locked.selected_by = None
    locked.save(update_fields=["selected_at", "selected_by"])
    record(locked, action=Action.DESELECTED, by=by, now=now, reason=reason, after=after)
    settle_conflict(
        applicant_id=locked.applicant_id,
        round_=round_,
        by=by,
        now=now,
        resolution=f"Settled when {participation.organization.name} withdrew its selection.",
    )
    logger.info("%s deselected proposal %s", by.pk, locked.pk)
    _copy(locked, candidacy)
    return candidacy


def settle_conflict(
    *, applicant_id: int, round_: Round, by: User, now: datetime, resolution: str
) -> Conflict | None:
    """Under the application's lock: close the applicant's open conflict if their selections
    are back within the round's rule. The conflict closed, or None."""
    conflict = (
        Conflict.objects.open()
        .select_for_update()
        .filter(round=round_, applicant_id=applicant_id)
        .first()
    )
    if conflict is None:
        return None
    selections = (
        Candidacy.objects.selected()
        .filter(applicant_id=applicant_id, participation__round=round_)
        .count()
    )
    if selections > round_.rules.max_accepted_per_applicant:
        return None
    conflict.resolved_at = now
    conflict.resolved_by = by
    conflict.resolution = resolution
    conflict.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return conflict


def _copy(locked: Candidacy, candidacy: Candidacy) -> None:
    """The caller's object says what the database now holds."""
    candidacy.selected_at = locked.selected_at
    candidacy.selected_by = locked.selected_by
