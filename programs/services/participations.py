"""An organization's participation in a round (its organization application): start it, edit
the answers, submit, withdraw. "Application" alone means an applicant's (the applications app).

The round's dates are the only gate: the server refuses whatever the browser shows once the
organization application deadline has passed, and every refusal names the deadline in the
person's own zone.
"""

import logging
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from people.dates import moment_for
from people.models import User
from programs.models import Membership, Organization, Participation, Round
from programs.services.checks import require_manager
from programs.timeline import Phase

logger = logging.getLogger(__name__)

# The answers an organization gives in its organization application; the dashboard edits the
# same fields.
ANSWER_FIELDS = (
    "motivation",
    "mentoring_plan",
    "previous_participation",
    "slots_min",
    "slots_max",
    "gate_contributions",
    "gate_deadline",
)

EDITABLE_STATUSES = (Participation.Status.DRAFT, Participation.Status.APPLIED)


def _require_org_applications_open(round_: Round, by: User, now: datetime) -> None:
    phase = round_.phase_at(now)
    if phase == Phase.ORG_APPLICATIONS:
        return
    if phase == Phase.UPCOMING:
        raise ValidationError(
            f"Organization applications for {round_} open on "
            f"{moment_for(by, round_.org_applications_open)}."
        )
    raise ValidationError(
        f"The organization application deadline for {round_} was "
        f"{moment_for(by, round_.org_applications_close)}; applications are closed."
    )


def _require_before_deadline(participation: Participation, by: User, now: datetime) -> None:
    deadline = participation.round.org_applications_close
    if now >= deadline:
        raise ValidationError(
            f"The organization application deadline was {moment_for(by, deadline)}; "
            "the organization application can no longer be changed or submitted."
        )


def organizations_to_reapply(user: User, round_: Round) -> QuerySet[Organization]:
    """Organizations the person may apply for again: they were an active org admin of it in
    another round, and it has not applied to this round yet."""
    return (
        Organization.objects.filter(
            participations__memberships__user=user,
            participations__memberships__role=Membership.Role.ORG_ADMIN,
            participations__memberships__status=Membership.Status.ACTIVE,
        )
        .exclude(participations__round=round_)
        .distinct()
        .order_by("name")
    )


@transaction.atomic
def participation_apply(
    *,
    round_: Round,
    by: User,
    answers: dict[str, Any],
    accepts_terms: bool,
    organization: Organization | None = None,
    new_organization: dict[str, Any] | None = None,
) -> Participation:
    """Apply for an organization: a new one (`new_organization`, the form's fields) or one the
    person coordinated in another round (`organization`).

    1. Refuse outside the organization-application phase and without the terms accepted.
    2. Create the organization if it is new.
    3. Create the participation as a draft with the answers.
    4. Make the applicant its first active org admin, terms accepted now.
    """
    now = timezone.now()
    _require_org_applications_open(round_, by, now)
    if not accepts_terms:
        raise ValidationError("Accept the program's terms and the commitment to apply.")
    if (organization is None) == (new_organization is None):
        raise ValueError("Pass either an existing organization or a new one, not both.")

    if organization is not None:
        if not organizations_to_reapply(by, round_).filter(pk=organization.pk).exists():
            if Participation.objects.filter(round=round_, organization=organization).exists():
                raise ValidationError(f"{organization} has already applied to {round_}.")
            raise ValidationError(
                f"Only an org admin of {organization} in an earlier round may apply for it."
            )
    else:
        organization = Organization.objects.create(**new_organization)

    participation = Participation.objects.create(
        round=round_,
        organization=organization,
        status=Participation.Status.DRAFT,
        **{field: answers[field] for field in ANSWER_FIELDS if field in answers},
    )
    Membership.objects.create(
        participation=participation,
        user=by,
        role=Membership.Role.ORG_ADMIN,
        status=Membership.Status.ACTIVE,
        terms_accepted_at=now,
    )
    logger.info("%s applied for %s (participation %s)", by.pk, organization, participation.pk)
    return participation


@transaction.atomic
def participation_update_answers(
    *, participation: Participation, by: User, answers: dict[str, Any]
) -> Participation:
    """Change the organization application's answers while it is a draft or applied, before
    the deadline."""
    require_manager(participation=participation, by=by, to="change the organization application")
    now = timezone.now()
    locked = (
        Participation.objects.select_for_update().select_related("round").get(pk=participation.pk)
    )
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"The organization application is {locked.get_status_display().lower()}; "
            "its answers can no longer be changed."
        )
    _require_before_deadline(locked, by, now)
    changed = [field for field in ANSWER_FIELDS if field in answers]
    for field in changed:
        setattr(locked, field, answers[field])
    locked.full_clean(exclude=["round", "organization"], validate_unique=False)
    locked.save(update_fields=changed)
    logger.info("%s edited the organization application of participation %s", by.pk, locked.pk)
    return locked


@transaction.atomic
def participation_submit(*, participation: Participation, by: User) -> Participation:
    """Send a draft to the program admins. The status moves with a conditional UPDATE, so a
    double click submits once and the second click is told it already happened."""
    require_manager(participation=participation, by=by, to="submit the organization application")
    now = timezone.now()
    _require_before_deadline(participation, by, now)
    claimed = Participation.objects.filter(
        pk=participation.pk, status=Participation.Status.DRAFT
    ).update(status=Participation.Status.APPLIED, submitted_at=now)
    if claimed != 1:
        participation.refresh_from_db(fields=["status"])
        raise ValidationError(
            "The organization application is already "
            f"{participation.get_status_display().lower()}; only a draft can be submitted."
        )
    participation.refresh_from_db(fields=["status", "submitted_at"])
    logger.info("%s submitted participation %s", by.pk, participation.pk)
    return participation


@transaction.atomic
def participation_withdraw(*, participation: Participation, by: User) -> Participation:
    """Take the organization application back. An accepted organization has interns
    counting on it, so leaving then goes through a program admin instead."""
    require_manager(participation=participation, by=by, to="withdraw the organization application")
    withdrawn = Participation.objects.filter(
        pk=participation.pk, status__in=EDITABLE_STATUSES
    ).update(status=Participation.Status.WITHDRAWN)
    if withdrawn != 1:
        participation.refresh_from_db(fields=["status"])
        if participation.status == Participation.Status.ACCEPTED:
            raise ValidationError(
                f"{participation.organization} is accepted; ask a program admin to withdraw it."
            )
        raise ValidationError(
            f"The organization application is already {participation.get_status_display().lower()}."
        )
    participation.refresh_from_db(fields=["status"])
    logger.info("%s withdrew participation %s", by.pk, participation.pk)
    return participation
