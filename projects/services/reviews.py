"""Org admins review submitted ideas, and set the organization's approval rule.

The rule (seed: rust-vmm asks for three maintainers of more than one affiliation): an idea is
approved once enough distinct org admins approved its current revision, never counting its
own mentors, and, if the organization asks, when they come from at least two affiliations.
Asking for changes or rejecting acts at once, with the reviewer's reason.

Approvals are counted under a lock on the idea's row: two admins approving at the same moment
both count, and the idea is approved exactly once.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.outbox import enqueue_dues
from people.models import User
from programs.models import Membership, Participation
from programs.roles import roles_in
from projects import permissions, reminders
from projects.models import IdeaMentor, IdeaReview, ProjectIdea
from projects.services.ideas import lock, move

logger = logging.getLogger(__name__)

Status = ProjectIdea.Status
Verdict = IdeaReview.Verdict
APPROVALS_MAX = 10

# The seed's four marks of a good idea (QEMU's internships talk), in its words.
CHECKLIST: tuple[tuple[str, str, str], ...] = (
    ("well_defined", "Well-defined", "The scope is clear."),
    ("self_contained", "Self-contained", "It has few dependencies."),
    ("uncontroversial", "Uncontroversial", "It is acceptable to the community."),
    ("incremental", "Incremental", "It produces deliverables along the way."),
)
CHECKLIST_FIELDS = tuple(name for name, _label, _help in CHECKLIST)


@dataclass(frozen=True)
class Tally:
    """The approvals an idea's current revision has, against its organization's rule."""

    approvers: tuple[User, ...]
    required: int
    two_affiliations: bool

    @property
    def affiliations(self) -> set[str]:
        # Stripped and case-folded; an empty affiliation is unknown, never a second one.
        return {a for a in (u.affiliation.strip().casefold() for u in self.approvers) if a}

    @property
    def count(self) -> int:
        return len(self.approvers)

    @property
    def is_met(self) -> bool:
        if self.count < self.required:
            return False
        return not self.two_affiliations or len(self.affiliations) >= 2


def _tally(approvers: list[User], participation: Participation) -> Tally:
    return Tally(
        approvers=tuple(approvers),
        required=participation.idea_approvals_required,
        two_affiliations=participation.idea_approvals_from_two_affiliations,
    )


def tally_for(idea: ProjectIdea, participation: Participation | None = None) -> Tally:
    """Distinct approvers of the idea's current revision, leaving out its own mentors (one
    may have been made co-mentor after approving)."""
    approvers = (
        User.objects.filter(
            idea_reviews__idea=idea,
            idea_reviews__revision=idea.revision,
            idea_reviews__verdict=Verdict.APPROVE,
        )
        .exclude(mentored_ideas__idea=idea)
        .distinct()
        .order_by("display_name", "email")
    )
    return _tally(list(approvers), participation or idea.participation)


def org_admin_count(participation: Participation) -> int:
    return Membership.objects.org_admins_of(participation.pk).count()


def _approval_comment(tally: Tally) -> str:
    names = ", ".join(user.name for user in tally.approvers)
    return f"Approved by {names}."


@transaction.atomic
def idea_review(
    *,
    idea: ProjectIdea,
    reviewer: User,
    verdict: str,
    comment: str = "",
    checklist: dict[str, bool] | None = None,
) -> IdeaReview:
    """Record an org admin's verdict on the idea's current revision and act on it.

    1. Lock the idea, then read the organization's rule (it may have just changed).
    2. Refuse a reviewer who is not an org admin or who mentors the idea, an idea not waiting
       for review, a missing reason for changes or rejection, and a second verdict by the same
       person on the same revision (the unique constraint backs this).
    3. Changes requested or rejected: move the idea at once, with the reason.
       Approved: approve the idea if the rule is now met.
    """
    locked = lock(idea)
    participation = Participation.objects.select_related("round", "organization").get(
        pk=locked.participation_id
    )
    locked.participation = participation
    roles = roles_in(reviewer, participation)
    if not roles.org_admin:
        raise ValidationError("Only the organization's admins review its ideas.")
    if not permissions.may_review(roles, mentors_it=locked.mentors.filter(user=reviewer).exists()):
        raise ValidationError("You mentor this idea, so another org admin must review it.")
    if locked.status != Status.SUBMITTED:
        raise ValidationError(
            f"This idea is {locked.get_status_display().lower()}; only ideas waiting for "
            "review can be reviewed."
        )
    if verdict not in Verdict.values:
        raise ValidationError("Choose a verdict: approve, ask for changes, or reject.")
    comment = comment.strip()
    if verdict == Verdict.CHANGES and not comment:
        raise ValidationError("Say what should change, so the mentors know what to do.")
    if verdict == Verdict.REJECT and not comment:
        raise ValidationError("Say why the idea is rejected, so the mentors understand.")
    already = IdeaReview.objects.filter(
        idea=locked, revision=locked.revision, reviewer=reviewer
    ).first()
    if already is not None:
        raise ValidationError(
            f"You already gave your verdict on this revision of the idea "
            f"({already.get_verdict_display().lower()}); it cannot be given twice. "
            "A new revision, after the mentors change the idea, can be reviewed again."
        )
    checks = {name: bool((checklist or {}).get(name)) for name in CHECKLIST_FIELDS}
    try:
        with transaction.atomic():
            review = IdeaReview.objects.create(
                idea=locked,
                reviewer=reviewer,
                revision=locked.revision,
                verdict=verdict,
                comment=comment,
                **checks,
            )
    except IntegrityError:
        # The same person's other verdict was saved a moment ago, in another request.
        raise ValidationError("You already gave your verdict on this revision.") from None

    if verdict == Verdict.CHANGES:
        move(locked, to=Status.CHANGES_REQUESTED, by=reviewer, comment=comment)
    elif verdict == Verdict.REJECT:
        move(locked, to=Status.REJECTED, by=reviewer, comment=comment)
    else:
        tally = tally_for(locked, participation)
        if tally.is_met:
            move(
                locked,
                to=Status.APPROVED,
                by=reviewer,
                comment=_approval_comment(tally),
                approved_at=timezone.now(),
            )
    enqueue_dues(reminders.idea_reviewed(locked))  # its mentors, after commit, if it moved
    logger.info("%s gave %s to idea %s r%s", reviewer.pk, verdict, locked.pk, locked.revision)
    idea.status = locked.status
    return review


@transaction.atomic
def approval_rule_set(
    *, participation: Participation, by: User, approvals_required: int, two_affiliations: bool
) -> list[ProjectIdea]:
    """Set how many approvals an idea needs; ideas waiting for review that meet the new rule
    are approved at once (their approvers need not come back). Returns those ideas."""
    if not permissions.may_run_ideas(roles_in(by, participation)):
        raise ValidationError("Only the organization's admins set its approval rule.")
    if not 1 <= approvals_required <= APPROVALS_MAX:
        raise ValidationError(f"An idea needs between 1 and {APPROVALS_MAX} approvals.")
    locked = Participation.objects.select_for_update().get(pk=participation.pk)
    locked.idea_approvals_required = approvals_required
    locked.idea_approvals_from_two_affiliations = two_affiliations
    locked.save(update_fields=["idea_approvals_required", "idea_approvals_from_two_affiliations"])
    participation.idea_approvals_required = approvals_required
    participation.idea_approvals_from_two_affiliations = two_affiliations

    waiting = list(
        ProjectIdea.objects.select_for_update()
        .filter(participation=participation, status=Status.SUBMITTED)
        .order_by("pk")
    )
    revision_of = {idea.pk: idea.revision for idea in waiting}
    mentors = set(
        IdeaMentor.objects.filter(idea__in=waiting, user__isnull=False).values_list(
            "idea_id", "user_id"
        )
    )
    approvers: dict[int, list[User]] = defaultdict(list)
    reviews = (
        IdeaReview.objects.filter(idea__in=waiting, verdict=Verdict.APPROVE)
        .select_related("reviewer")
        .order_by("reviewer__display_name", "reviewer__email")
    )
    for review in reviews:
        current = review.revision == revision_of[review.idea_id]
        if current and (review.idea_id, review.reviewer_id) not in mentors:
            approvers[review.idea_id].append(review.reviewer)
    approved = []
    for idea in waiting:
        tally = _tally(approvers[idea.pk], participation)
        if tally.is_met:
            move(
                idea,
                to=Status.APPROVED,
                by=by,
                comment=f"{_approval_comment(tally)} The organization's rule changed.",
                approved_at=timezone.now(),
            )
            enqueue_dues(reminders.idea_reviewed(idea))
            approved.append(idea)
    logger.info(
        "%s set participation %s to %s approvals (two affiliations: %s)",
        by.pk,
        participation.pk,
        approvals_required,
        two_affiliations,
    )
    return approved
