"""An applicant's proposals: a draft from an idea, saving (by hand or autosaved), submitting
within the round's cap, withdrawing, ordering the submitted ones, and an org admin's
exception to the deadline for one proposal.

Every rule is checked here, whatever page calls: the application deadline to the second (an
edit or a submission at the deadline itself is refused, as for ideas), named in the
applicant's own zone; the cap, counted under a lock on the applicant's application row so
two submissions at once cannot both take the last place.
"""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from applications.models import Application, Proposal, ProposalWeek
from applications.services.eligibility import Refusal, application_ready
from people.dates import moment_for
from people.models import User
from programs.models import Round
from programs.roles import roles_in
from projects.models import ProjectIdea

Status = Proposal.Status
IdeaStatus = ProjectIdea.Status

# A custom idea its proposer may apply to once a mentor adopted it (it left "proposed").
ADOPTED = (
    IdeaStatus.DRAFT,
    IdeaStatus.SUBMITTED,
    IdeaStatus.CHANGES_REQUESTED,
    IdeaStatus.APPROVED,
)
EDITABLE = (Status.DRAFT, Status.SUBMITTED)
WITHDRAWABLE = (Status.DRAFT, Status.SUBMITTED)
# A schedule longer than a year is a typo in the hours, not a plan.
MAX_SCHEDULE_WEEKS = 52


@dataclass(frozen=True)
class ProposalContent:
    """What the applicant writes; `deliverables` maps a week's number to its deliverable."""

    title: str
    problem: str
    outline: str
    commitments: str
    links: list[dict]
    deliverables: dict[int, str]


# --- The schedule ---------------------------------------------------------------------------


def schedule_weeks(round_: Round, idea: ProjectIdea) -> list[tuple[int, date]]:
    """Week numbers with their first day, from the round's coding start. As many weeks as the
    coding period has (until final evaluations open; a week begun counts: 12 for a standard
    round), or, where the round's rules give the hours of a week's work, as many as the idea's
    expected hours take (a week begun counts; at most a year)."""
    per_week = round_.rules.schedule_hours_per_week
    if per_week and idea.expected_hours:
        count = min(MAX_SCHEDULE_WEEKS, math.ceil(idea.expected_hours / per_week))
    else:
        count = math.ceil((round_.final_open - round_.coding_start) / timedelta(weeks=1))
    count = max(1, count)
    first = round_.coding_start.astimezone(UTC).date()
    return [(number, first + timedelta(weeks=number - 1)) for number in range(1, count + 1)]


# --- Deadlines ------------------------------------------------------------------------------


def edit_deadline(proposal: Proposal) -> datetime:
    """Until when the applicant may change this proposal: the application deadline, or an
    org admin's later date for this one proposal."""
    deadline = proposal.application.round.applications_close
    if proposal.editable_until and proposal.editable_until > deadline:
        return proposal.editable_until
    return deadline


def _refuse_after(deadline: datetime, applicant: User, now: datetime, what: str) -> None:
    if now >= deadline:
        raise ValidationError(
            f"The deadline was {moment_for(applicant, deadline)}; {what} is no longer possible. "
            "What you typed is still in the form: copy it if you need it."
        )


def _lock_application(application: Application) -> Application:
    """Every change to an applicant's set of submitted proposals in a round takes this lock
    first, so the cap and the order are counted by one transaction at a time."""
    return Application.objects.select_for_update().get(pk=application.pk)


def _lock(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("application__round__rules", "idea__participation")
        .get(pk=proposal.pk)
    )


def _require_author(proposal: Proposal, by: User) -> None:
    if proposal.applicant_id != by.pk:
        raise ValidationError("Only its author changes a proposal.")


# --- A new draft ----------------------------------------------------------------------------


def may_propose_to(idea: ProjectIdea, applicant: User, now: datetime) -> bool:
    """A published idea, or a custom idea the applicant proposed once a mentor adopted it."""
    if idea.is_published_at(now):
        return True
    return idea.proposed_by_id == applicant.pk and idea.status in ADOPTED


@transaction.atomic
def proposal_start(*, applicant: User, idea: ProjectIdea, now: datetime | None = None) -> Proposal:
    """The applicant's open proposal to `idea`, made now as a draft with one schedule row per
    week of the coding period if they have none. Refused outside the application period, to
    the organization's own people, and before the applicant filled in their application."""
    now = now or timezone.now()
    round_ = idea.participation.round
    if roles_in(applicant, idea.participation).member:
        raise ValidationError(
            "You take part in this organization, so you cannot apply to its ideas."
        )
    if not may_propose_to(idea, applicant, now):
        raise ValidationError(f"“{idea.title}” is not open for proposals.")
    if now < round_.applications_open:
        raise ValidationError(
            f"Applications to {round_} open {moment_for(applicant, round_.applications_open)}."
        )
    _refuse_after(round_.applications_close, applicant, now, "starting a proposal")
    application = Application.objects.filter(applicant=applicant, round=round_).first()
    if application is None:
        raise ValidationError(
            f"Fill in your application to {round_} first; then write your proposal."
        )
    application = _lock_application(application)
    existing = Proposal.objects.not_withdrawn().filter(applicant=applicant, idea=idea).first()
    if existing is not None:
        return existing
    proposal = Proposal.objects.create(
        applicant=applicant, application=application, idea=idea, title=idea.title
    )
    ProposalWeek.objects.bulk_create(
        ProposalWeek(proposal=proposal, number=number, starts_on=starts_on)
        for number, starts_on in schedule_weeks(round_, idea)
    )
    return proposal


# --- Saving ---------------------------------------------------------------------------------


@transaction.atomic
def proposal_save(
    *, proposal: Proposal, by: User, content: ProposalContent, now: datetime | None = None
) -> Proposal:
    """Save what the applicant wrote (the Save button and the autosave both come here), until
    the deadline or the org admin's exception for this proposal."""
    now = now or timezone.now()
    locked = _lock(proposal)
    _require_author(locked, by)
    if locked.status not in EDITABLE:
        raise ValidationError("This proposal was withdrawn, so it can no longer be edited.")
    _refuse_after(edit_deadline(locked), by, now, "changing this proposal")
    locked.title = content.title
    locked.problem = content.problem
    locked.outline = content.outline
    locked.commitments = content.commitments
    locked.links = content.links
    locked.full_clean(exclude=["applicant", "application", "idea"])
    locked.save()
    weeks = list(locked.weeks.all())
    for week in weeks:
        week.deliverable = content.deliverables.get(week.number, week.deliverable)
    ProposalWeek.objects.bulk_update(weeks, ["deliverable"])
    return locked


# --- Submitting and withdrawing -------------------------------------------------------------


@transaction.atomic
def proposal_submit(*, proposal: Proposal, by: User, now: datetime | None = None) -> Proposal:
    """Submit a draft: before the deadline, with a ready application, within the round's cap
    of submitted proposals (withdrawn ones do not count). It goes last in the applicant's
    order of preference."""
    now = now or timezone.now()
    _require_author(proposal, by)
    application = _lock_application(proposal.application)
    locked = _lock(proposal)
    round_ = locked.application.round
    if locked.status != Status.DRAFT:
        raise ValidationError(f"This proposal is already {locked.get_status_display().lower()}.")
    _refuse_after(edit_deadline(locked), by, now, "submitting this proposal")
    ready = application_ready(applicant=by, round_=round_)
    if isinstance(ready, Refusal):
        raise ValidationError(ready.reason)
    missing = [
        label
        for label, value in (
            ("a title", locked.title),
            ("the problem description", locked.problem),
            ("the implementation outline", locked.outline),
        )
        if not value.strip()
    ]
    if missing:
        raise ValidationError(f"Write {', '.join(missing)} before you submit.")
    submitted = Proposal.objects.counted_against_cap().filter(application=application)
    cap = round_.rules.max_proposals_per_applicant
    count = submitted.count()
    if count >= cap:
        raise ValidationError(
            f"You have submitted {count} proposal{'s' if count != 1 else ''} to {round_}, the "
            f"most it allows ({cap}). Withdraw one to submit this one."
        )
    locked.status = Status.SUBMITTED
    locked.submitted_at = now
    locked.preference = count + 1
    locked.save(update_fields=["status", "submitted_at", "preference", "updated_at"])
    return locked


def _renumber(application: Application) -> None:
    """Preferences 1..n in their current order, after one left the list."""
    rows = list(
        Proposal.objects.submitted()
        .filter(application=application)
        .order_by("preference", "submitted_at", "pk")
    )
    for position, row in enumerate(rows, start=1):
        row.preference = position
    Proposal.objects.bulk_update(rows, ["preference"])


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, by: User, now: datetime | None = None) -> Proposal:
    """Withdraw a draft or a submitted proposal: it stops counting against the cap, and the
    applicant may start a new one to the same idea before the deadline."""
    now = now or timezone.now()
    _require_author(proposal, by)
    application = _lock_application(proposal.application)
    locked = _lock(proposal)
    if locked.status not in WITHDRAWABLE:
        raise ValidationError("This proposal is already withdrawn.")
    locked.status = Status.WITHDRAWN
    locked.withdrawn_at = now
    locked.preference = None
    locked.save(update_fields=["status", "withdrawn_at", "preference", "updated_at"])
    _renumber(application)
    return locked


# --- The applicant's order of preference ----------------------------------------------------


@transaction.atomic
def proposal_move(
    *, application: Application, by: User, proposal_pk: int, up: bool, now: datetime | None = None
) -> list[Proposal]:
    """Move one submitted proposal a place up or down in the applicant's order (until the
    application deadline); returns the order."""
    now = now or timezone.now()
    if application.applicant_id != by.pk:
        raise ValidationError("Only the applicant orders their proposals.")
    application = _lock_application(application)
    _refuse_after(application.round.applications_close, by, now, "changing your order")
    _renumber(application)
    rows = list(Proposal.objects.submitted().filter(application=application).order_by("preference"))
    index = next((i for i, row in enumerate(rows) if row.pk == proposal_pk), None)
    if index is None:
        raise ValidationError("Only your submitted proposals are ordered.")
    other = index - 1 if up else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
        for position, row in enumerate(rows, start=1):
            row.preference = position
        Proposal.objects.bulk_update(rows, ["preference"])
    return rows


# --- An org admin's exception to the deadline -----------------------------------------------


@transaction.atomic
def proposal_exception_grant(
    *, proposal: Proposal, by: User, until: datetime, reason: str, now: datetime | None = None
) -> Proposal:
    """Let this one proposal be edited until `until`, recording who, why and when. Only an
    org admin of the idea's organization grants it."""
    now = now or timezone.now()
    locked = _lock(proposal)
    if not roles_in(by, locked.idea.participation).org_admin:
        raise ValidationError("Only the organization's admins let a proposal be edited late.")
    if locked.status not in EDITABLE:
        raise ValidationError("This proposal was withdrawn; there is nothing to edit.")
    if until <= now:
        raise ValidationError("Choose a moment in the future.")
    if not reason.strip():
        raise ValidationError("Say why this proposal may be edited after the deadline.")
    locked.editable_until = until
    locked.exception_reason = reason.strip()
    locked.exception_by = by
    locked.exception_at = now
    locked.save(
        update_fields=[
            "editable_until",
            "exception_reason",
            "exception_by",
            "exception_at",
            "updated_at",
        ]
    )
    return locked
