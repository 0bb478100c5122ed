"""Celery tasks of programs: a few lines each, load by id, call a service.

The top of the app: services that start a task import this module, and the work a task calls
lives in modules that start none (programs.services.invitation_email), so nothing loops."""

import smtplib

from celery import shared_task
from django.utils import timezone

from programs.models import Invitation
from programs.services.invitation_email import send_invitation_email


@shared_task(bind=True, max_retries=5)
def send_invitation(self, invitation_pk: int, link: str) -> str:
    """Mail an invitation's link, retrying a mail server that fails with back-off.

    The link carries the only copy of the token, so it travels in the task message (never in
    the database) and is gone once the task ends. A link revoked or used meanwhile is not sent.
    """
    invitation = Invitation.objects.select_related(
        "participation__round__program", "participation__organization", "invited_by"
    ).get(pk=invitation_pk)
    if not invitation.is_open(timezone.now()):
        return "skipped"
    try:
        send_invitation_email(invitation=invitation, link=link)
    except (smtplib.SMTPException, OSError) as error:
        raise self.retry(exc=error, countdown=min(600, 30 * 2**self.request.retries)) from error
    return "sent"
