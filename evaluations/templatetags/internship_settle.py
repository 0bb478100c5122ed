"""`{% phase_outcomes %}`: the internship page's outcomes section (`_decisions.html`), each
phase's computed outcome with why, or a program admin's locked decision with its reason.

The intern reads a phase's result once its window closed (or once decided); mentors, org
admins and program admins as soon as it is known. The "why" never quotes the mentors' answers,
so nobody reads their free text here. Three queries whatever the page: the evaluations and
decisions of the internship (`phase_rows`), and its round's rules.
"""

from django import template
from django.utils import timezone

from evaluations import permissions
from evaluations.models import Evaluation, EvaluationPhase
from evaluations.services.decisions import WAITS_ON
from evaluations.services.outcome import State, phase_rows
from programs.roles import roles_in

register = template.Library()


@register.inclusion_tag("evaluations/internships/_decision_rows.html", takes_context=True)
def phase_outcomes(context):
    internship = context["internship"]
    user = context["request"].user
    now = timezone.now()
    side = permissions.side_of(user, internship)
    may_decide = permissions.may_decide(roles_in(user, internship.participation))
    row = phase_rows([internship], now=now)[0]
    phases = []
    for outcome in (row.midterm, row.final):
        closed = outcome.closes is not None and outcome.closes <= now
        phases.append(
            {
                "label": EvaluationPhase(outcome.phase).label,
                "phase": outcome.phase,
                "outcome": outcome,
                "visible": permissions.may_see_outcome(side, closed, outcome.locked),
                "may_decide": may_decide
                and not outcome.locked
                and internship.status == WAITS_ON[outcome.phase],
                "needs_decision": outcome.state == State.ADMIN_DECIDES,
                # The mentors' "extend" is a request: a program admin grants it (extensions).
                "extension_asked": may_decide
                and internship.is_running
                and outcome.mentor is not None
                and outcome.mentor.action == Evaluation.Action.EXTEND,
            }
        )
    return {"phases": phases, "internship": internship, "round": internship.participation.round}
