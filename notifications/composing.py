"""An outbox message as an email: its headers (the kind, the one-click unsubscribe of an
optional kind) and its parts (text, and HTML when it has one).

Built once, when the row is created (`notifications.creation` stores the bytes the mail
server will receive), so that sending hands those bytes to the open SMTP connection and
does nothing else per message; built again at send time only for a row without them (made
before they were stored) or whose recipient changed address since.
"""

from typing import Any

from django.core.mail import EmailMultiAlternatives

from notifications.links import opt_out_url
from notifications.registry import get_kind


def headers(*, kind: str, recipient_pk: int, opt_out: str = "") -> dict[str, str]:
    """The extra headers; `opt_out`, when the caller has the kind's opt-out link already,
    spares signing it a second time."""
    extra = {"X-Internships-Kind": kind}
    if get_kind(kind).optional:
        # RFC 8058: mail clients may offer their own unsubscribe button, which POSTs here.
        url = opt_out or opt_out_url(user_pk=recipient_pk, kind=kind)
        extra["List-Unsubscribe"] = f"<{url}>"
        extra["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return extra


def email(
    message: Any, *, address: str, opt_out: str = "", connection: Any = None
) -> EmailMultiAlternatives:
    """The email of an outbox `message` (a notifications.models.Message) to `address`."""
    built = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        to=[address],
        headers=headers(kind=message.kind, recipient_pk=message.recipient_id, opt_out=opt_out),
        connection=connection,
    )
    if message.html:
        built.attach_alternative(message.html, "text/html")
    return built
