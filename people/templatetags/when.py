"""`{{ moment|when }}`: a date and time in the viewer's zone, with the zone named
(`when_text` writes the same words without HTML, for emails).

Added to the template builtins, so every template can use it without `{% load %}`.
"""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from people.dates import moment_text

register = template.Library()


@register.filter
def when(moment: datetime | None) -> str:
    """Tue 20 Mar 2026, 18:00 CET, inside <time> with the ISO instant and IANA zone."""
    if moment is None:
        return ""
    zone = timezone.get_current_timezone_name()
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        moment.isoformat(),
        zone,
        moment_text(moment),
    )


@register.filter
def when_date(moment: datetime | None) -> str:
    """The local calendar date only, for compact tables."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}">{}</time>', moment.isoformat(), local.strftime("%d %b %Y")
    )


@register.filter
def when_text(moment: datetime | None) -> str:
    """For emails: the `when` filter's words without its HTML. "Tue 20 Mar 2027, 19:00 CET
    (Europe/Berlin)": in the zone active while the message is rendered (the recipient's), with
    the zone named twice, since abbreviations such as "IST" mean different places ("Sat 20 Mar
    2027, 18:00 UTC" for UTC itself)."""
    if moment is None:
        return ""
    zone = timezone.get_current_timezone_name()
    named = moment_text(moment)
    # "UTC (UTC)" says nothing twice; "IST (Asia/Kolkata)" tells India from Ireland.
    return named if named.endswith(f" {zone}") else f"{named} ({zone})"


@register.filter
def is_past(moment: datetime | None) -> bool:
    """`{% if round.ideas_published|is_past %}`: so a page never says "will be" of a date gone."""
    return moment is not None and moment <= timezone.now()


@register.simple_tag(takes_context=True)
def viewer_zone(context) -> str:
    return timezone.get_current_timezone_name()
