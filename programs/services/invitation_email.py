"""The invitation email: rendered in the invitee's zone and sent. The task that mails an
invitation calls it; like every module a task calls, it starts no task itself."""

import zoneinfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from people.models import User
from programs.models import Invitation


def send_invitation_email(*, invitation: Invitation, link: str) -> None:
    """Render the subject/text/html templates and send. Dates are in the invitee's zone when
    they already have an account under that address, else in UTC (named either way)."""
    invitee = User.objects.filter(email__iexact=invitation.email).only("timezone").first()
    zone = zoneinfo.ZoneInfo(invitee.timezone if invitee else "UTC")
    context = {
        "invitation": invitation,
        "participation": invitation.participation,
        "link": link,
        "site_url": settings.SITE_URL,
    }
    with timezone.override(zone):
        subject = render_to_string("programs/emails/invitation-subject.txt", context)
        text = render_to_string("programs/emails/invitation-body.txt", context)
        html = render_to_string("programs/emails/invitation-body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[invitation.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
