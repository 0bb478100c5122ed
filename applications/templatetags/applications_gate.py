"""Where the signed-in applicant stands against an organization's contribution gate, for a
page of a lower app (the organization's page in programs) that may not import this one: its
template loads this library by name (`{% load applications_gate %}`), as the design lets an
idea page reach proposals by URL name or template tag."""

from django import template

from applications.services.contributions import gate_standing
from programs.models import Participation
from programs.roles import roles_in

register = template.Library()


@register.inclusion_tag("applications/contributions/_gate_standing.html", takes_context=True)
def gate_standing_for(context, participation: Participation) -> dict:
    """Nothing for an organization without a gate, for someone not signed in, or for the
    organization's own people; else "1 of 1 accepted, confirmed by a mentor". At most two
    queries (the roles are known already when the page asked them)."""
    user = context.get("user")
    shown = (
        participation.gate_contributions > 0
        and participation.gate_deadline is not None
        and user is not None
        and user.is_authenticated
        and not roles_in(user, participation).member
    )
    return {
        "standing": gate_standing(user, participation) if shown else None,
        "participation": participation,
    }
