"""Certificates: issued once when an internship completes, revoked by a program admin.

`issue` is what the settle lane's sweep calls when a final completes an internship: idempotent
(a sweep run twice, or two at once, leave one certificate, the first), so callers need not
look first. The printed name is the intern's name when issued: a later change of display name
does not rewrite a certificate someone may already have printed.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluations import permissions
from evaluations.models import Certificate, Internship
from people.models import User
from programs.roles import roles_in

REASON_MAX = 2000


def issue(internship: Internship, at: datetime | None = None) -> Certificate:
    """The internship's certificate, made now (or at `at`) if it has none yet."""
    at = at or timezone.now()
    defaults = {"name": str(internship.intern)[:150], "issued_at": at}
    try:
        with transaction.atomic():
            certificate, _ = Certificate.objects.get_or_create(
                internship=internship, defaults=defaults
            )
    except IntegrityError:
        # Made by another transaction between get_or_create's look and its insert.
        certificate = Certificate.objects.get(internship=internship)
    return certificate


@transaction.atomic
def revoke(
    certificate: Certificate, *, by: User, reason: str, at: datetime | None = None
) -> Certificate:
    """Revoke the certificate with a reason (kept for the admins; the public page says only
    that it was revoked): program admins only. Revoking twice keeps the first revocation."""
    if not permissions.may_revoke_certificate(roles_in(by, certificate.internship.participation)):
        raise ValidationError("Only program admins revoke a certificate.")
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the certificate is revoked.")
    if len(reason) > REASON_MAX:
        raise ValidationError(f"The reason may be at most {REASON_MAX} characters.")
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is None:
        locked.revoked_at = at or timezone.now()
        locked.revoked_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_reason"])
    certificate.revoked_at, certificate.revoked_reason = locked.revoked_at, locked.revoked_reason
    return certificate
