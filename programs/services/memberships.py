"""Who works for an organization in a round: invitations, accepting them, ending a role.

An invitation is a single-use link. Only a hash of its token is stored, and accepting claims
it with one conditional UPDATE, so two clicks or two tabs can never use it twice.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from notifications.outbox import enqueue_dues
from people.models import User
from programs import reminders, tasks
from programs.models import Invitation, Membership, Participation, hash_token
from programs.permissions import may_manage
from programs.roles import roles_in
from programs.services.checks import require_manager

logger = logging.getLogger(__name__)

INVITATION_LIFETIME = timedelta(days=14)

# Organizations that are out of the round take no new people.
CLOSED_STATUSES = (Participation.Status.REJECTED, Participation.Status.WITHDRAWN)


class InvitationUnavailable(ValidationError):
    """The link was used, revoked or has expired; `reason` says which, for the 410 page."""

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class IssuedInvitation:
    """The stored invitation and its link. The link holds the only copy of the token."""

    invitation: Invitation
    link: str


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("programs:invitation_accept", args=[token])


def open_invitations(participation: Participation):
    return Invitation.objects.open(timezone.now()).filter(participation=participation)


def _holds_role(participation: Participation, email: str, role: str) -> bool:
    """True if someone whose address (main or another verified one) is `email` already
    holds the role actively."""
    return (
        Membership.objects.active()
        .filter(participation=participation, role=role)
        .filter(
            Q(user__email__iexact=email)
            | Q(user__emailaddress__email__iexact=email, user__emailaddress__verified=True)
        )
        .exists()
    )


@transaction.atomic
def invitation_create(
    *, participation: Participation, email: str, role: str, by: User
) -> IssuedInvitation:
    """Invite a person by email to be a mentor or org admin; the mail leaves after commit.

    The participation row is locked first, so two org admins inviting the same address at
    the same moment are served one after the other and the second is refused.
    """
    require_manager(participation=participation, by=by, to="invite people")
    email = email.strip()
    locked = Participation.objects.select_for_update().only("status").get(pk=participation.pk)
    role_label = Membership.Role(role).label.lower()
    if locked.status in CLOSED_STATUSES:
        raise ValidationError(
            f"{participation.organization} is {locked.get_status_display().lower()} "
            "in this round and takes no new people."
        )
    if open_invitations(participation).filter(email__iexact=email, role=role).exists():
        raise ValidationError(
            f"{email} already has an open invitation to be {role_label}; "
            "revoke it first to send a new one."
        )
    if _holds_role(participation, email, role):
        raise ValidationError(f"{email} is already {role_label} of {participation.organization}.")

    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        participation=participation,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    link = invitation_link(token)
    # After commit: a rolled-back invitation must not reach anyone's inbox. A worker sends it
    # and retries a failing mail server; robust, so a broker outage is logged instead of
    # turning a saved invitation into an error page (the org admin can revoke and re-invite).
    transaction.on_commit(lambda: tasks.send_invitation.delay(invitation.pk, link), robust=True)
    logger.info("%s invited %s as %s to participation %s", by.pk, email, role, participation.pk)
    return IssuedInvitation(invitation=invitation, link=link)


def invitee_has_account(invitation: Invitation) -> bool:
    """True if the invited address belongs to an account (its main or another verified
    address): that person logs in to accept; anyone else signs up with it."""
    email = invitation.email
    return User.objects.filter(
        Q(email__iexact=email) | Q(emailaddress__email__iexact=email, emailaddress__verified=True)
    ).exists()


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    require_manager(participation=invitation.participation, by=by, to="revoke invitations")
    revoked = Invitation.objects.filter(pk=invitation.pk, accepted_at=None, revoked_at=None).update(
        revoked_at=timezone.now(), revoked_by=by
    )
    if revoked != 1:
        raise ValidationError("This invitation was already accepted or revoked.")
    invitation.refresh_from_db(fields=["revoked_at", "revoked_by"])
    logger.info("%s revoked invitation %s", by.pk, invitation.pk)
    return invitation


def unavailable_reason(invitation: Invitation) -> str | None:
    """Why the link no longer works ("used", "revoked", "expired"), or None if it does."""
    if invitation.accepted_at is not None:
        return "used"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= timezone.now():
        return "expired"
    return None


_UNAVAILABLE_MESSAGES = {
    "used": "This invitation has already been used.",
    "revoked": "This invitation was revoked by the organization.",
    "expired": "This invitation has expired.",
}


def require_terms(accepts_terms: bool) -> None:
    """Becoming an org admin or mentor (through an invitation or an accepted request to
    mentor) needs the program's terms and the commitment accepted: asked before anything is
    claimed."""
    if not accepts_terms:
        raise ValidationError("Accept the program's terms and the commitment to continue.")


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User, accepts_terms: bool) -> Membership:
    """Turn the invitation into an active membership for `user`.

    1. Refuse without the terms accepted, or when the organization left the round.
    2. Claim the invitation with a conditional UPDATE; only one caller gets rowcount 1.
    3. Reactivate the person's ended membership of that role, or create one.

    The invited address need not be the account's (people use several); `accepted_by`
    records who actually used the link. Any refusal after the claim rolls the claim back.
    """
    require_terms(accepts_terms)
    participation = invitation.participation
    if participation.status in CLOSED_STATUSES:
        raise InvitationUnavailable(
            f"{participation.organization} is no longer taking part in {participation.round}.",
            reason="closed",
        )

    now = timezone.now()
    claimed = (
        Invitation.objects.open(now)
        .filter(pk=invitation.pk)
        .update(accepted_at=now, accepted_by=user)
    )
    if claimed != 1:
        invitation.refresh_from_db(fields=["accepted_at", "revoked_at", "expires_at"])
        reason = unavailable_reason(invitation) or "used"
        raise InvitationUnavailable(_UNAVAILABLE_MESSAGES[reason], reason=reason)

    membership = membership_activate(
        participation=participation,
        user=user,
        role=invitation.role,
        invited_by=invitation.invited_by,
        terms_accepted_at=now,
    )
    invitation.accepted_at, invitation.accepted_by = now, user
    enqueue_dues(reminders.invitation_accepted(invitation=invitation, by=user))  # the inviter
    logger.info(
        "%s accepted invitation %s as %s of participation %s",
        user.pk,
        invitation.pk,
        invitation.role,
        participation.pk,
    )
    return membership


@transaction.atomic
def membership_activate(
    *,
    participation: Participation,
    user: User,
    role: str,
    invited_by: User | None,
    terms_accepted_at: datetime,
) -> Membership:
    """Give `user` the role, having just accepted the terms and the commitment (through an
    invitation or an accepted request to mentor): reactivate their ended membership of that
    role, or create one. Refuses a role the person already holds."""
    membership, created = Membership.objects.select_for_update().get_or_create(
        participation=participation,
        user=user,
        role=role,
        defaults={
            "status": Membership.Status.ACTIVE,
            "terms_accepted_at": terms_accepted_at,
            "invited_by": invited_by,
        },
    )
    if not created:
        if membership.status == Membership.Status.ACTIVE:
            raise ValidationError(
                f"You are already {membership.get_role_display().lower()} "
                f"of {participation.organization}."
            )
        # Coming back after leaving (or being removed): the new consent is this one.
        membership.status = Membership.Status.ACTIVE
        membership.ended_at = membership.ended_by = None
        membership.terms_accepted_at = terms_accepted_at
        membership.invited_by = invited_by
        membership.save(
            update_fields=["status", "ended_at", "ended_by", "terms_accepted_at", "invited_by"]
        )
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, by: User) -> Membership:
    """End a role at once: withdrawn when the person leaves, rejected when an org admin or
    program admin removes them. Access checks filter on active status, so it takes effect
    on the next request.

    The participation row is locked so two org admins removing each other at the same moment
    cannot leave the organization with none.
    """
    Participation.objects.select_for_update().only("pk").get(pk=membership.participation_id)
    membership = Membership.objects.select_related("participation__organization", "user").get(
        pk=membership.pk
    )
    # Its holder leaves; anyone else removes, by the rule the page checks (may_manage).
    if membership.user_id != by.pk and not may_manage(roles_in(by, membership.participation)):
        raise ValidationError("Only the organization's admins may remove people.")
    if membership.status != Membership.Status.ACTIVE:
        raise ValidationError(f"This role already ended ({membership.get_status_display()}).")
    if membership.role == Membership.Role.ORG_ADMIN:
        admins = Membership.objects.org_admins_of(membership.participation_id).count()
        if admins <= 1:
            raise ValidationError(
                f"{membership.user} is the last active org admin of "
                f"{membership.participation.organization}; invite another org admin first."
            )

    leaving = membership.user_id == by.pk
    membership.status = Membership.Status.WITHDRAWN if leaving else Membership.Status.REJECTED
    membership.ended_at = timezone.now()
    membership.ended_by = by
    membership.save(update_fields=["status", "ended_at", "ended_by"])
    logger.info(
        "%s ended membership %s of %s (%s)",
        by.pk,
        membership.pk,
        membership.user_id,
        membership.status,
    )
    return membership
