"""`{% follow_button round %}`: the Follow / Unfollow button of a round's page.

Put `{% load follow %}` and `{% follow_button round %}` in the round page's template; it costs
one or two queries for a signed-in viewer and none for an anonymous one.
"""

from django import template
from django.urls import reverse

from programs.follows import MAX_NEXT, follow_state

register = template.Library()


@register.inclusion_tag("programs/public/_follow_button.html", takes_context=True)
def follow_button(context, round_):
    request = context.get("request")
    user = getattr(request, "user", None)
    state = follow_state(user, round_) if user is not None and user.is_authenticated else None
    return {
        "round": round_,
        "state": state,
        "csrf_token": context.get("csrf_token"),
        "next": _back_here(request),
        "login_url": reverse("account_login"),
    }


def _back_here(request) -> str:
    """Where the button returns to: this page as asked, or its path alone when the query
    makes it longer than the follow view accepts (it would not be honoured, only echoed)."""
    if request is None:
        return ""
    full = request.get_full_path()
    return full if len(full) <= MAX_NEXT else request.path
