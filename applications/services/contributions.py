"""An applicant's contributions to the organizations of a round, a mentor's verdict on them,
and where the applicant stands against an organization's contribution gate.

An applicant records a contribution to an accepted organization: its link (http(s) only),
what it does, its state upstream (submitted, or accepted on a date). A mentor or org admin
of that organization confirms or rejects it, and the applicant hears of each verdict once
(`reminders.contribution_reviewed`). When the applicant changes a contribution after a
verdict (a new link, a new state, another date, other words), the verdict is set back to "not
reviewed yet": the mentor confirmed what they saw, and the gate must never count something
no mentor looked at.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from applications import reminders
from applications.models import Contribution
from applications.models.contribution import counts_toward_gate
from applications.permissions import may_review_contributions
from notifications.outbox import enqueue_dues
from people.dates import moment_for
from people.models import User
from programs.models import Participation
from programs.roles import roles_in

logger = logging.getLogger(__name__)

State = Contribution.State
Verdict = Contribution.Verdict
DESCRIPTION_MAX = 5000
URL_MAX = 500


@dataclass(frozen=True)
class GateStanding:
    """Where an applicant stands against an organization's gate: "1 of 1 accepted, confirmed
    by a mentor", by the deadline. `required` is 0 when the organization sets no gate."""

    count: int
    required: int
    deadline: datetime | None

    @property
    def has_gate(self) -> bool:
        return self.required > 0

    @property
    def met(self) -> bool:
        return self.count >= self.required


def gate_standing(applicant: User, participation: Participation) -> GateStanding:
    """The applicant's contributions that count for the organization's gate (accepted
    upstream by the deadline's date and confirmed by a mentor). One query; none without a
    gate."""
    if not participation.gate_contributions or participation.gate_deadline is None:
        return GateStanding(count=0, required=0, deadline=None)
    count = Contribution.objects.count_toward_gate(applicant=applicant, participation=participation)
    return GateStanding(
        count=count,
        required=participation.gate_contributions,
        deadline=participation.gate_deadline,
    )


def gate_standings(applicant: User, participations: list[Participation]) -> dict[int, GateStanding]:
    """`gate_standing` for several organizations at once (the applicant's dashboard): {the
    participation's id: its standing}, in one query whatever their number."""
    gated = [p for p in participations if p.gate_contributions and p.gate_deadline is not None]
    counts: dict[int, int] = {}
    if gated:
        toward = Q()
        for participation in gated:
            toward |= Q(participation=participation) & counts_toward_gate(
                participation.gate_deadline.date()
            )
        counts = dict(
            Contribution.objects.filter(toward, applicant=applicant)
            .values("participation")
            .annotate(n=Count("pk"))
            .values_list("participation", "n")
        )
    return {
        p.pk: GateStanding(
            count=counts.get(p.pk, 0) if p in gated else 0,
            required=p.gate_contributions if p in gated else 0,
            deadline=p.gate_deadline if p in gated else None,
        )
        for p in participations
    }


def _today_for(user: User, now: datetime) -> date:
    return timezone.localtime(now, ZoneInfo(user.timezone)).date()


def _clean(
    *, by: User, url: str, description: str, state: str, accepted_at: date | None, now: datetime
) -> dict:
    url = url.strip()
    description = description.strip()
    if not url.startswith(("https://", "http://")) or len(url) > URL_MAX:
        raise ValidationError(
            f"The link must start with https:// or http:// (at most {URL_MAX} characters)."
        )
    if not description:
        raise ValidationError("Say what the contribution does.")
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError(f"Keep the description under {DESCRIPTION_MAX} characters.")
    if state not in State.values:
        raise ValidationError("Say whether it is submitted or accepted upstream.")
    if state == State.ACCEPTED:
        if accepted_at is None:
            raise ValidationError("Give the date it was accepted upstream.")
        if accepted_at > _today_for(by, now):
            raise ValidationError("The date it was accepted upstream cannot be in the future.")
    else:
        accepted_at = None
    return {"url": url, "description": description, "state": state, "accepted_at": accepted_at}


def _require_open(participation: Participation, by: User, now: datetime) -> None:
    round_ = participation.round
    if participation.status != Participation.Status.ACCEPTED:
        raise ValidationError(f"{participation.organization} is not taking part in this round.")
    if now >= round_.applications_close:
        raise ValidationError(
            f"The application deadline of {round_.name} was "
            f"{moment_for(by, round_.applications_close)}; contributions can no longer be "
            "recorded or changed."
        )


@transaction.atomic
def contribution_record(
    *,
    applicant: User,
    participation: Participation,
    url: str,
    description: str,
    state: str = State.SUBMITTED,
    accepted_at: date | None = None,
    now: datetime | None = None,
) -> Contribution:
    """Record a contribution to an accepted organization of the round, until the application
    deadline. The organization's own mentors and org admins are not applicants there."""
    now = now or timezone.now()
    _require_open(participation, applicant, now)
    if roles_in(applicant, participation).member:
        raise ValidationError(
            f"You take part in {participation.organization}: your work there is not an "
            "applicant's contribution."
        )
    fields = _clean(
        by=applicant,
        url=url,
        description=description,
        state=state,
        accepted_at=accepted_at,
        now=now,
    )
    contribution = Contribution.objects.create(
        applicant=applicant, participation=participation, **fields
    )
    logger.info("%s recorded contribution %s", applicant.pk, contribution.pk)
    return contribution


@transaction.atomic
def contribution_update(
    *,
    contribution: Contribution,
    by: User,
    url: str,
    description: str,
    state: str,
    accepted_at: date | None = None,
    now: datetime | None = None,
) -> Contribution:
    """Its applicant changes a contribution until the application deadline. A change after a
    mentor's verdict sets it back to "not reviewed yet" (see the module's docstring)."""
    now = now or timezone.now()
    if contribution.applicant_id != by.pk:
        raise ValidationError("Only the applicant who recorded it changes a contribution.")
    locked = (
        Contribution.objects.select_for_update()
        .select_related("participation__round", "participation__organization")
        .get(pk=contribution.pk)
    )
    _require_open(locked.participation, by, now)
    fields = _clean(
        by=by, url=url, description=description, state=state, accepted_at=accepted_at, now=now
    )
    changed = any(getattr(locked, name) != value for name, value in fields.items())
    if not changed:
        return locked
    for name, value in fields.items():
        setattr(locked, name, value)
    if locked.verdict != Verdict.UNREVIEWED:
        locked.verdict = Verdict.UNREVIEWED
        locked.reviewed_by = None
        locked.reviewed_at = None
    locked.save()
    logger.info("%s changed contribution %s", by.pk, locked.pk)
    return locked


@transaction.atomic
def contribution_review(
    *, contribution: Contribution, by: User, verdict: str, now: datetime | None = None
) -> Contribution:
    """A mentor or org admin of the contribution's organization confirms or rejects it
    (never their own); who and when are recorded, and the applicant is told once per
    verdict. The same verdict again changes nothing and tells no one."""
    if verdict not in (Verdict.CONFIRMED, Verdict.REJECTED):
        raise ValidationError("Confirm or reject the contribution.")
    locked = (
        Contribution.objects.select_for_update()
        .select_related("participation__round", "participation__organization", "applicant")
        .get(pk=contribution.pk)
    )
    if locked.applicant_id == by.pk or not may_review_contributions(
        roles_in(by, locked.participation)
    ):
        raise ValidationError(
            "Only the organization's mentors and org admins confirm or reject a contribution, "
            "never their own."
        )
    if locked.verdict == verdict:
        return locked
    locked.verdict = verdict
    locked.reviewed_by = by
    locked.reviewed_at = now or timezone.now()
    locked.save(update_fields=["verdict", "reviewed_by", "reviewed_at", "updated_at"])
    enqueue_dues(reminders.contribution_reviewed(locked))  # after commit
    logger.info("%s gave %s to contribution %s", by.pk, verdict, locked.pk)
    return locked
