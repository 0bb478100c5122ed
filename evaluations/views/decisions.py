"""A program admin decides (locks) a phase's outcome: the page shows what the site computes
and why, the evaluations' state, and the form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from evaluations import permissions
from evaluations.forms.decisions import DecisionForm
from evaluations.models import EvaluationPhase
from evaluations.services.decisions import WAITS_ON, computed, decide


@login_required
def decide_phase(request: HttpRequest, round_slug: str, pk: int, phase: str) -> HttpResponse:
    if phase not in EvaluationPhase.values:
        raise Http404
    found = permissions.internship_for_decision(request.user, round_slug, pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            decide(internship=found, phase=phase, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"The {EvaluationPhase(phase).label.lower()} is decided; it is locked."
            )
            return redirect("evaluations:internship", round_slug, found.pk)
    return render(
        request,
        "evaluations/decisions/decide.html",
        {
            "internship": found,
            "round": found.participation.round,
            "phase": EvaluationPhase(phase),
            "outcome": computed(found, phase, timezone.now()),
            "waiting": found.status == WAITS_ON[phase],
            "form": form,
        },
        status=400 if form.errors else 200,
    )
