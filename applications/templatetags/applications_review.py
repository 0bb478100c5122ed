"""How many contributions to an organization wait for a mentor's verdict, for the
organization's dashboard in programs, which may not import this app: its template loads
this library by name (`{% load applications_review %}`), as `applications_gate` does."""

from django import template

from applications.services.contribution_lists import unreviewed_count
from programs.models import Participation

register = template.Library()


@register.simple_tag
def unreviewed_contributions(participation: Participation) -> int:
    """One query."""
    return unreviewed_count(participation)
