"""The announcement, seen from evaluations: every selected proposal of a round whose results
time has come becomes an internship, and a program admin's change after it keeps the
internship in step.

`internships_for_announced_rounds(now)` is run by beat (evaluations.tasks, every five minutes,
like the reminder sweep) and by the demo. It is idempotent: an internship is made once per
proposal (`Internship.proposal` is unique, and a second run finds it made), so two beats, a
retry or the demo running it again make nothing twice; and it never acts before the instant,
the round's `results_announced`, to the second.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet

from evaluations.models import Internship
from evaluations.services.internships import follow_selection_change
from people.dates import moment_for
from people.models import User
from selection.models import Candidacy, Conflict, MentorCommitment, SelectionChange
from selection.services.choosing import candidacy_deselect, candidacy_select
from selection.services.results import results_visible

logger = logging.getLogger(__name__)


def _waiting(now: datetime) -> QuerySet[Candidacy]:
    """Selected proposals of rounds whose results time has come and that are not over yet
    (a round over is history: its internships were made while it ran), with no internship
    made from them. An anti-join on the proposal's unique internship: it reads the selected
    candidacies of the running rounds only."""
    return (
        Candidacy.objects.selected()
        .filter(
            participation__round__results_announced__lte=now,
            participation__round__ends__gt=now,
            proposal__internship__isnull=True,
        )
        # An applicant the round's rule lets only so many organizations have waits until a
        # program admin resolves the conflict (the digest names it): no internship is made
        # that the resolution would have to take back.
        .exclude(
            Exists(
                Conflict.objects.open().filter(
                    round_id=OuterRef("participation__round_id"), applicant=OuterRef("applicant")
                )
            )
        )
        .select_related("proposal__idea", "participation")
        .order_by("participation_id", "rank", "pk")
    )


def _deselected(now: datetime) -> QuerySet[Internship]:
    """Running internships whose proposal a program admin deselected after the results on the
    organization's selection page (selection records the change, with its reason, but cannot
    reach this table): they follow here, at the next run."""
    return Internship.objects.filter(
        status=Internship.Status.ACTIVE,
        proposal__candidacy__isnull=False,
        proposal__candidacy__selected_at__isnull=True,
        participation__round__results_announced__lte=now,
        participation__round__ends__gt=now,
    )


def _reselected(now: datetime) -> QuerySet[Internship]:
    """Internships withdrawn when their proposal was deselected after the results, whose
    proposal is selected again since (the run brings back only those: an intern's own
    withdrawal is recorded without the selection change's mark)."""
    return Internship.objects.filter(
        status=Internship.Status.WITHDRAWN,
        proposal__candidacy__selected_at__isnull=False,
        proposal__status="submitted",
        participation__round__results_announced__lte=now,
        participation__round__ends__gt=now,
    )


def _withdrawn_by_a_selection_change(internship: Internship) -> bool:
    last = internship.events.order_by("-at", "-pk").first()
    return last is not None and bool(last.details.get("selection_change"))


def _follow_selection_changes(now: datetime) -> int:
    followed = 0
    for internship in _reselected(now):
        if _withdrawn_by_a_selection_change(internship):
            change = (
                SelectionChange.objects.filter(candidacy_id=internship.proposal_id)
                .order_by("-at", "-pk")
                .first()
            )
            with transaction.atomic():
                if follow_selection_change(
                    internship=internship,
                    selected=True,
                    by=change.by if change else None,
                    reason=(change.reason if change else "") or "Selected again.",
                    at=now,
                ):
                    followed += 1
    for internship in _deselected(now):
        change = (
            SelectionChange.objects.filter(candidacy_id=internship.proposal_id)
            .order_by("-at", "-pk")
            .select_related("by")
            .first()
        )
        reason = change.reason if change and change.reason else "Deselected after the results."
        with transaction.atomic():
            if follow_selection_change(
                internship=internship,
                selected=False,
                by=change.by if change else None,
                reason=reason,
                at=now,
            ):
                followed += 1
    return followed


def _committed_mentors(proposal_pks: list[int]) -> dict[int, list[int]]:
    mentors: dict[int, list[int]] = {}
    for proposal_pk, mentor_pk in (
        MentorCommitment.objects.filter(proposal_id__in=proposal_pks)
        .order_by("proposal_id", "created_at", "pk")
        .values_list("proposal_id", "mentor_id")
    ):
        mentors.setdefault(proposal_pk, []).append(mentor_pk)
    return mentors


def _make(candidacy: Candidacy, mentor_pks: list[int]) -> Internship | None:
    """The internship of one selected proposal, made once. Its own savepoint: a proposal made
    meanwhile by another run (the unique proposal) is found and left as it is; an applicant
    already interning with the organization in this round (a round allowing two accepted
    proposals to one organization) is logged and skipped, the table holding one internship
    per person and participation."""
    proposal = candidacy.proposal
    try:
        with transaction.atomic():
            internship, created = Internship.objects.get_or_create(
                proposal=proposal,
                defaults={
                    "participation": candidacy.participation,
                    "intern_id": candidacy.applicant_id,
                    "idea": proposal.idea,
                    "project_title": proposal.title[:200],
                },
            )
            if created:
                internship.mentors.set(mentor_pks)
    except IntegrityError:
        logger.warning(
            "No internship made from proposal %s: its applicant already interns with %s",
            proposal.pk,
            candidacy.participation,
        )
        return None
    return internship if created else None


def internships_for_announced_rounds(now: datetime) -> list[Internship]:
    """Make the internship of every selected proposal of the rounds whose results time has
    come: its participation, intern, proposal, idea, project title (the proposal's) and the
    mentors committed to it. The internships made by this call (none made twice). Internships
    whose proposal was deselected since are withdrawn, recorded with the change's reason."""
    if _follow_selection_changes(now):
        logger.info("Internships withdrawn after their selection was withdrawn")
    waiting = list(_waiting(now))
    if not waiting:
        return []
    mentors = _committed_mentors([c.proposal_id for c in waiting])
    made = [m for c in waiting if (m := _make(c, mentors.get(c.proposal_id, []))) is not None]
    if made:
        logger.info("The announcement made %s internships", len(made))
    return made


# --- A program admin's change after the announcement -------------------------------------------


@dataclass(frozen=True)
class ResultChange:
    change: SelectionChange
    internship: Internship | None


def result_change(
    *, candidacy: Candidacy, selected: bool, by: User, reason: str, now: datetime
) -> ResultChange:
    """A program admin selects or deselects a proposal after the results time, with a reason:
    selection's own services do it, under their rules and locks, recorded (after the results
    they let only a program admin with a reason), and its internship follows at once in the
    same transaction: selecting makes it (or brings one withdrawn this way back), deselecting
    withdraws it. Rows are never deleted: the change and the internship's record stay."""
    round_ = candidacy.participation.round
    if not results_visible(round_, now):
        raise ValidationError(
            f"The results of {round_.name} are announced on "
            f"{moment_for(by, round_.results_announced)}; until then the organization's admins "
            "select on their selection page."
        )
    with transaction.atomic():
        if selected:
            candidacy_select(candidacy=candidacy, by=by, reason=reason, now=now)
        else:
            candidacy_deselect(candidacy=candidacy, by=by, reason=reason, now=now)
        change = SelectionChange.objects.filter(candidacy_id=candidacy.pk).latest("at", "pk")
        existing = Internship.objects.filter(proposal_id=candidacy.pk).first()
        if existing is None and selected:
            fresh = Candidacy.objects.select_related("proposal__idea", "participation").get(
                pk=candidacy.pk
            )
            mentors = _committed_mentors([candidacy.pk]).get(candidacy.pk, [])
            existing = _make(fresh, mentors)
        elif existing is not None:
            follow_selection_change(
                internship=existing, selected=selected, by=by, reason=reason, at=now
            )
    return ResultChange(change=change, internship=existing)
