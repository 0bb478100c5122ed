"""`{% internship_evaluations %}`: the internship page's evaluations section, both phases as
the viewer may read them, with the link to give theirs. Two or three queries whatever the
internship holds (its evaluations, its decisions, the round's rules)."""

from django import template
from django.utils import timezone

from evaluations.services.evaluation_reading import phase_views
from programs.roles import roles_in

register = template.Library()


@register.inclusion_tag("evaluations/evaluations/_section.html", takes_context=True)
def internship_evaluations(context):
    internship = context["internship"]
    user = context["request"].user
    views = phase_views(internship=internship, user=user, now=timezone.now())
    return {
        "internship": internship,
        "round": internship.participation.round,
        "phases": list(views.values()),
        "may_extend": roles_in(user, internship.participation).program_admin
        and internship.is_running,
    }
