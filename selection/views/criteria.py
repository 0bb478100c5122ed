"""An org admin's criteria and weights: add, edit, reorder, remove (mentors and program
admins 403; the services refuse what reviews already given forbid, with the reason)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from programs.views.outcome import refusal
from selection import permissions
from selection.forms.criteria import CriterionForm
from selection.models import Criterion
from selection.services import criteria as services
from selection.views.reviews import org_context


@login_required
def criteria(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_ranking(request.user, round_slug, org_slug)
    form = CriterionForm()
    editing: Criterion | None = None
    status = 200
    raw_edit = request.GET.get("edit", "")
    if (
        request.method == "GET"
        and raw_edit.isascii()
        and raw_edit.isdigit()
        and len(raw_edit) <= 12
    ):
        editing = Criterion.objects.filter(participation=participation, pk=int(raw_edit)).first()
        form = CriterionForm(instance=editing)
    if request.method == "POST":
        action = request.POST.get("action", "add")
        raw = request.POST.get("criterion", "")
        if action != "add":
            if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
                messages.error(request, "Choose a criterion.")
                return redirect(request.path)
            editing = get_object_or_404(
                Criterion.objects.select_related("participation"),
                participation=participation,
                pk=int(raw),
            )
        try:
            if action in (services.UP, services.DOWN):
                services.criterion_move(criterion=editing, by=request.user, direction=action)
                return redirect(request.path)
            if action == "remove":
                services.criterion_remove(criterion=editing, by=request.user)
                messages.success(request, f"“{editing.name}” is removed.")
                return redirect(request.path)
        except ValidationError as error:
            messages.error(request, refusal(error))
            return redirect(request.path)
        # The form checks sizes, the weight's range and the name's uniqueness; the service,
        # the rules (and again the rest).
        form = CriterionForm(
            request.POST, instance=editing or Criterion(participation=participation)
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                if editing is None:
                    services.criterion_add(participation=participation, by=request.user, **data)
                else:
                    editing.refresh_from_db()
                    services.criterion_update(criterion=editing, by=request.user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"“{data['name']}” is saved.")
                return redirect(request.path)
        status = 400
    context = {
        **org_context(participation),
        "criteria": Criterion.objects.filter(participation=participation),
        "form": form,
        "editing": editing,
        "reviews_exist": services.reviews_exist(participation),
    }
    return render(request, "selection/criteria.html", context, status=status)
