import zoneinfo
from urllib.parse import unquote

from django.utils import timezone

from people.timezones import is_valid_timezone

# Anonymous visitors: a small script stores the browser's zone in this cookie, so even the
# public round page shows deadlines in the visitor's zone.
BROWSER_TIMEZONE_COOKIE = "tz"


def viewer_timezone_name(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.timezone
    # Django does not percent-decode cookies; a script may have encoded the "/" in the name.
    guessed = unquote(request.COOKIES.get(BROWSER_TIMEZONE_COOKIE, ""))
    return guessed if is_valid_timezone(guessed) else "UTC"


class ViewerTimezoneMiddleware:
    """Activates the viewer's zone so every rendered date is in it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = viewer_timezone_name(request)
        request.viewer_timezone = name
        with timezone.override(zoneinfo.ZoneInfo(name)):
            return self.get_response(request)
