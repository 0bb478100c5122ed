"""`{{ mentor|shown_name }}`: a mentor's name as lists show it to anyone, never with an address
(projects.contacts)."""

from django import template

from projects.contacts import shown_name as _shown_name
from projects.models import IdeaMentor

register = template.Library()


@register.filter
def shown_name(mentor: IdeaMentor) -> str:
    return _shown_name(mentor)
