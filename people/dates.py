"""How a moment is written for a person: "Tue 20 Mar 2027, 18:00 CET", in their zone.

The `when` filter (pages), `when_text` (emails) and service messages all write it this way.
"""

import zoneinfo
from datetime import datetime, tzinfo

from django.utils import timezone

from people.models import User

MOMENT_FORMAT = "%a %d %b %Y, %H:%M %Z"


def moment_text(moment: datetime, zone: tzinfo | None = None) -> str:
    """In `zone`, or the active zone (the viewer's, set by the middleware)."""
    return timezone.localtime(moment, zone).strftime(MOMENT_FORMAT)


def moment_for(user: User, moment: datetime) -> str:
    """In the person's own zone, for messages raised where no viewer zone is active."""
    return moment_text(moment, zoneinfo.ZoneInfo(user.timezone))
