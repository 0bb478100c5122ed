"""Asking to mentor: a signed-in person asks to mentor for an organization in a round, its
org admins accept or decline with a word, and an accepted person confirms the commitment and
the program's terms, as an invited one does, to become a mentor.

Each step moves the request with one conditional UPDATE from the status it expects, so two
org admins answering at once, or two tabs confirming, cannot both act.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.outbox import enqueue_dues
from people.models import User
from programs import reminders
from programs.models import Membership, MentorRequest, Participation
from programs.roles import roles_in
from programs.services.memberships import CLOSED_STATUSES, membership_activate, require_terms

logger = logging.getLogger(__name__)

ALREADY_ASKED = (
    "You already asked to mentor for {organization}; the organization's admins will answer."
)


def _refuse_if_closed(participation: Participation, status: str) -> None:
    """Mentors join an organization whenever invitations may be sent to it: while it has not
    been rejected from the round or withdrawn (the rule of `invitation_create`)."""
    if status in CLOSED_STATUSES:
        raise ValidationError(
            f"{participation.organization} is no longer taking part in {participation.round} "
            "and takes no new mentors."
        )


@transaction.atomic
def mentor_request_create(
    *,
    participation: Participation,
    user: User,
    motivation: str,
    topics: str,
    hours_per_week: int,
) -> MentorRequest:
    """Record the request and tell the organization's org admins. One pending request per
    person and organization (a database constraint backs the check); a mentor cannot ask."""
    locked = Participation.objects.select_for_update().only("status").get(pk=participation.pk)
    _refuse_if_closed(participation, locked.status)
    if roles_in(user, participation).mentor:
        raise ValidationError(f"You are already mentor of {participation.organization}.")
    already = ValidationError(ALREADY_ASKED.format(organization=participation.organization))
    if MentorRequest.objects.pending().filter(participation=participation, user=user).exists():
        raise already
    try:
        with transaction.atomic():
            request = MentorRequest.objects.create(
                participation=participation,
                user=user,
                motivation=motivation,
                topics=topics,
                hours_per_week=hours_per_week,
            )
    except IntegrityError:
        # A second tab asked between our check and our insert: the constraint said no.
        raise already from None
    enqueue_dues(reminders.mentor_request_opened(request=request))
    logger.info("%s asked to mentor for participation %s", user.pk, participation.pk)
    return request


@transaction.atomic
def mentor_request_decide(
    *, request: MentorRequest, by: User, accept: bool, answer: str
) -> MentorRequest:
    """Accept or decline an open request, with a word for the person, who is told."""
    participation = request.participation
    if accept:
        _refuse_if_closed(participation, participation.status)
    now = timezone.now()
    status = MentorRequest.Status.ACCEPTED if accept else MentorRequest.Status.DECLINED
    answered = MentorRequest.objects.filter(pk=request.pk, status=MentorRequest.Status.OPEN).update(
        status=status, answer=answer.strip(), decided_at=now, decided_by=by
    )
    if answered != 1:
        raise ValidationError("This request was already answered.")
    request.status, request.answer, request.decided_at, request.decided_by = (
        status,
        answer.strip(),
        now,
        by,
    )
    enqueue_dues(reminders.mentor_request_answered(request=request))
    logger.info("%s %s mentor request %s", by.pk, status, request.pk)
    return request


@transaction.atomic
def mentor_request_confirm(
    *, request: MentorRequest, user: User, accepts_terms: bool
) -> Membership:
    """The accepted person confirms the commitment and the terms and becomes a mentor.
    Any refusal after the claim (they became a mentor meanwhile) rolls the claim back."""
    require_terms(accepts_terms)
    if request.user_id != user.pk:
        raise ValidationError("Only the person who asked can confirm.")
    participation = request.participation
    _refuse_if_closed(participation, participation.status)
    now = timezone.now()
    claimed = MentorRequest.objects.filter(
        pk=request.pk, status=MentorRequest.Status.ACCEPTED
    ).update(status=MentorRequest.Status.CONFIRMED, confirmed_at=now)
    if claimed != 1:
        raise ValidationError("This request is not waiting for your confirmation.")
    membership = membership_activate(
        participation=participation,
        user=user,
        role=Membership.Role.MENTOR,
        invited_by=request.decided_by,
        terms_accepted_at=now,
    )
    request.status, request.confirmed_at = MentorRequest.Status.CONFIRMED, now
    logger.info("%s confirmed mentor request %s", user.pk, request.pk)
    return membership


@transaction.atomic
def mentor_request_withdraw(*, request: MentorRequest, user: User) -> MentorRequest:
    """The person who asked takes the request back while it is still in play (waiting for an
    answer, or accepted and waiting for them); they may ask again later."""
    if request.user_id != user.pk:
        raise ValidationError("Only the person who asked can withdraw this request.")
    withdrawn = (
        MentorRequest.objects.pending()
        .filter(pk=request.pk)
        .update(status=MentorRequest.Status.WITHDRAWN)
    )
    if withdrawn != 1:
        raise ValidationError("This request is no longer waiting: there is nothing to withdraw.")
    request.status = MentorRequest.Status.WITHDRAWN
    logger.info("%s withdrew mentor request %s", user.pk, request.pk)
    return request
