"""A phase's evaluations of one internship: read what one may, and submit one's side (the
mentors', the intern's, or an org admin's in place of the mentors). No edit path: a submitted
evaluation is shown, never offered again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from evaluations import permissions
from evaluations.forms.evaluations import InternEvaluationForm, MentorEvaluationForm
from evaluations.models import EvaluationPhase, WeeklyMeeting
from evaluations.services import pages
from evaluations.services.evaluating import submit_intern_evaluation, submit_mentor_evaluation
from evaluations.services.evaluation_reading import phase_views
from programs.roles import roles_in


def _form(side: str | None, data, *, phase: str, max_weeks: int):
    if side == "mentor":
        return MentorEvaluationForm(data, phase=phase, max_weeks=max_weeks)
    if side == "intern":
        return InternEvaluationForm(data, phase=phase)
    return None


def _schedule(internship, now) -> list[pages.WeekRow]:
    """Each week with the proposal's plan and its meeting, for judging progress against the
    schedule (two queries: the meetings, the proposal's weeks)."""
    meetings = {m.week: m for m in WeeklyMeeting.objects.filter(internship=internship)}
    deliverables = {}
    if internship.proposal_id is not None:
        deliverables = dict(internship.proposal.weeks.values_list("number", "deliverable"))
    return pages.weeks_of(internship, meetings, now, deliverables)


@login_required
def evaluation(request: HttpRequest, round_slug: str, pk: int, phase: str) -> HttpResponse:
    if phase not in EvaluationPhase.values:
        raise Http404
    posted = request.method == "POST"
    if posted:
        found = permissions.internship_for_evaluating(request.user, round_slug, pk)
    else:
        found = permissions.internship_for_evaluation(request.user, round_slug, pk)
    rules = found.participation.round.rules
    now = timezone.now()
    view = phase_views(internship=found, user=request.user, now=now)[phase]
    form = _form(
        view.my_side,
        request.POST if posted else None,
        phase=phase,
        max_weeks=rules.extension_max_weeks,
    )
    if posted and form.is_valid():
        submit = submit_mentor_evaluation if view.my_side == "mentor" else submit_intern_evaluation
        try:
            submit(internship=found, phase=phase, by=request.user, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Your {view.label.lower()} evaluation is submitted; it cannot be changed.",
            )
            return redirect("evaluations:evaluation", round_slug, found.pk, phase)
    schedule = _schedule(found, now) if view.my_side == "mentor" else []
    return render(
        request,
        "evaluations/evaluations/evaluation.html",
        {
            "internship": found,
            "round": found.participation.round,
            "view": view,
            "form": form if (view.may_submit or (form is not None and form.is_bound)) else None,
            "schedule": schedule,
            "may_extend": permissions.may_extend(roles_in(request.user, found.participation))
            and found.is_running,
        },
        status=400 if form is not None and form.errors else 200,
    )
