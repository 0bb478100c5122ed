"""`{% load selection_results %}`: the results of a round on the applicant's own pages, from
the round's results time on; before it these tags render nothing and ask no query, so the
pages read exactly as they would if no selection existed.

Applications' templates load this library (applications never imports selection):
`{% results_box round %}` on the applicant's dashboard, `{% proposal_result_box proposal %}`
on a proposal's page (its applicant only).
"""

from django import template
from django.utils import timezone

from selection.services.results import applicant_results, proposal_result

register = template.Library()


@register.inclusion_tag("selection/results/_dashboard_box.html", takes_context=True)
def results_box(context, round_) -> dict:
    user = context["request"].user
    results = (
        applicant_results(applicant=user, round_=round_, now=timezone.now())
        if user.is_authenticated
        else []
    )
    return {"round": round_, "results": results}


@register.inclusion_tag("selection/results/_proposal_box.html", takes_context=True)
def proposal_result_box(context, proposal) -> dict:
    user = context["request"].user
    result = (
        proposal_result(proposal=proposal, viewer=user, now=timezone.now())
        if user.is_authenticated
        else None
    )
    return {"round": proposal.application.round, "result": result}
