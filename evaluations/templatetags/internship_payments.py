"""`{% internship_payments internship as payments %}`: the internship's payments for the
internship page's section, or None when the viewer may not see them (its mentors: see
evaluations.permissions). One query for those who see them, none for the others (the
viewer's roles are known to the request already)."""

from django import template

from evaluations import permissions
from evaluations.services import payment_pages
from programs.roles import roles_in

register = template.Library()


@register.simple_tag(takes_context=True)
def internship_payments(context, internship):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    roles = roles_in(user, internship.participation)
    if not permissions.may_see_payments(roles, permissions.side_of(user, internship)):
        return None
    return {
        "payments": payment_pages.of_internship(internship),
        "links_round": roles.program_admin,
    }
