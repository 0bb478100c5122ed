"""`{% internship_alumni %}`: the internship page's alumni section (its `_alumni.html`): the
intern's choice to be listed among the alumni, and the certificate's link for those who may
see it. No query for a running internship (no certificate exists before it completes); one
for a completed one."""

from django import template

from evaluations import permissions
from evaluations.models import Certificate, Internship
from evaluations.services.alumni import MAY_CHOOSE
from programs.roles import roles_in

register = template.Library()


@register.inclusion_tag("evaluations/internships/_alumni_section.html", takes_context=True)
def internship_alumni(context):
    internship: Internship = context["internship"]
    user = context["request"].user
    side = permissions.side_of(user, internship)
    roles = roles_in(user, internship.participation)
    certificate = None
    if internship.status == Internship.Status.COMPLETED and permissions.may_see_certificate(
        roles, side
    ):
        certificate = Certificate.objects.filter(internship=internship).first()
    return {
        "internship": internship,
        "round": internship.participation.round,
        "may_choose": permissions.may_choose_listing(side) and internship.status in MAY_CHOOSE,
        "completed": internship.status == Internship.Status.COMPLETED,
        "certificate": certificate,
        "csrf_token": context.get("csrf_token"),
    }
