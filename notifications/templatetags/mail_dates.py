"""`{{ moment|when_text }}` for emails: the `when` filter's words without its HTML.

"Tue 20 Mar 2027, 19:00 CET (Europe/Berlin)": in the zone active while the message is
rendered (the recipient's), with the zone named twice, since abbreviations such as "IST"
mean different places ("Sat 20 Mar 2027, 18:00 UTC" for UTC itself).
"""

from datetime import datetime

from django import template
from django.utils import timezone

from people.dates import moment_text

register = template.Library()


@register.filter
def when_text(moment: datetime | None) -> str:
    if moment is None:
        return ""
    zone = timezone.get_current_timezone_name()
    named = moment_text(moment)
    # "UTC (UTC)" says nothing twice; "IST (Asia/Kolkata)" tells India from Ireland.
    return named if named.endswith(f" {zone}") else f"{named} ({zone})"
