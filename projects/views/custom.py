"""Custom ideas: an applicant proposes one; a mentor or org admin of the organization adopts it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from programs.timeline import Phase
from programs.views.outcome import perform
from projects import permissions
from projects.forms.custom import CustomIdeaForm
from projects.services.custom import custom_idea_propose, idea_adopt


@login_required
def custom_idea_propose_view(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_custom_idea(request.user, round_slug, org_slug)
    round_ = participation.round
    form = CustomIdeaForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            idea = custom_idea_propose(
                participation=participation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "Your idea is proposed. The organization's mentors see it now; once one adopts "
                "it and it is approved, it is published for every applicant.",
            )
            return redirect(idea.get_absolute_url())
    now = timezone.now()
    context = {
        "round": round_,
        "participation": participation,
        "organization": participation.organization,
        "form": form,
        "is_open": round_.phase_at(now) == Phase.APPLICATIONS,
        "is_upcoming": now < round_.applications_open,
    }
    return render(
        request, "projects/custom/propose.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def idea_adopt_view(
    request: HttpRequest, round_slug: str, org_slug: str, idea_slug: str
) -> HttpResponse:
    idea = permissions.idea_for_adopt(request.user, round_slug, org_slug, idea_slug)
    perform(
        request,
        lambda: idea_adopt(idea=idea, by=request.user),
        success=f"You mentor “{idea.title}” now: complete the template and submit it for review.",
    )
    return redirect(idea.get_absolute_url())
