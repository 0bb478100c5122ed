"""Links inside emails: the one-click opt-out link, signed so it needs no login.

The token names a person and a kind of message and is signed with the site's SECRET_KEY
(django.core.signing), so it cannot be forged or pointed at someone else. It does not expire:
a link in an old email should still work, and the worst its holder can do is turn off one
optional kind of reminder for that person, which they can turn back on from their profile.
The signature is deterministic, so the same link can be rebuilt at send time for the
List-Unsubscribe header.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "notifications.opt-out"


def site_url(name: str, *args) -> str:
    """The absolute address of a page, for emails, feeds and anything read off the site."""
    return settings.SITE_URL + reverse(name, args=args)


def opt_out_token(*, user_pk: int, kind: str) -> str:
    return signing.Signer(salt=_SALT).sign_object({"u": user_pk, "k": kind})


def read_opt_out_token(token: str) -> tuple[int, str] | None:
    """(user pk, kind) from a genuine token; None for a forged, altered or truncated one."""
    try:
        data = signing.Signer(salt=_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    if not isinstance(data.get("k"), str):
        return None
    return data["u"], data["k"]


def opt_out_url(*, user_pk: int, kind: str) -> str:
    token = opt_out_token(user_pk=user_pk, kind=kind)
    return site_url("notifications:opt_out", token)


def preferences_url() -> str:
    return site_url("notifications:preferences")
