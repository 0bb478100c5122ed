"""`{{ moment|when }}`: a date and time in the viewer's zone, with the zone named.

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
def is_past(moment: datetime | None) -> bool:
    """`{% if round.ideas_published|is_past %}`: so a page never says "will be" of a date gone."""
    return moment is not None and moment <= timezone.now()


@register.simple_tag(takes_context=True)
def viewer_zone(context) -> str:
    return timezone.get_current_timezone_name()
