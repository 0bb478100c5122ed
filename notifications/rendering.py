"""Rendering a message: subject, text and HTML from the kind's templates, in the
recipient's time zone, so every date in the email is in their zone with the zone named.

Templates: in the folder of the app that registered the kind,
`templates/<app>/emails/<kind>-subject.txt`, `<kind>-body.txt`, `<kind>-body.html`. The text
bodies extend `notifications/emails/base-body.txt`, which turns HTML escaping off (a text email
must show "&", not "&amp;"); the subject is rendered the same way and folded onto one line.
"""

import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from notifications.links import opt_out_url, preferences_url
from notifications.registry import get_kind


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    opt_out_url: str = ""  # the signed link of an optional kind, for its header too


def render_message(*, kind: str, recipient: Any, context: Mapping[str, Any]) -> Rendered:
    message_kind = get_kind(kind)
    full_context = {
        "recipient": recipient,
        "kind": message_kind,
        "site_url": settings.SITE_URL,
        "preferences_url": preferences_url(),
        # Only optional kinds can be turned off; the others carry no link that would not work.
        "opt_out_url": opt_out_url(user_pk=recipient.pk, kind=kind)
        if message_kind.optional
        else "",
        **context,
    }
    with timezone.override(zoneinfo.ZoneInfo(recipient.timezone)):
        subject = render_to_string(message_kind.template("subject.txt"), full_context)
        text = render_to_string(message_kind.template("body.txt"), full_context)
        html = render_to_string(message_kind.template("body.html"), full_context)
    subject = settings.NOTIFICATIONS_SUBJECT_PREFIX + " ".join(subject.split())
    return Rendered(
        subject=subject[:255],
        text=text.strip() + "\n",
        html=html,
        opt_out_url=full_context["opt_out_url"],
    )
