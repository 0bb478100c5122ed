"""The applicant's application (the eligibility answers) and a program admin's verdict."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from applications import permissions
from applications.forms.eligibility import ApplicationForm, IneligibleForm, commitment_formset
from applications.models import Application
from applications.services.eligibility import application_save, mark_eligible, mark_ineligible
from programs.views.outcome import perform


@login_required
def application_form(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = permissions.round_for_applying(request.user, round_slug)
    application = (
        Application.objects.filter(applicant=request.user, round=round_)
        .select_related("marked_ineligible_by")
        .prefetch_related("commitments")
        .first()
    )
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, round_=round_, initial=ApplicationForm.initial_for(application))
    formset = commitment_formset(data, application)
    if data is not None and form.is_valid() and formset.is_valid():
        try:
            application_save(
                applicant=request.user, round_=round_, commitments=formset.rows(), **form.answers()
            )
        except ValidationError as error:
            form.add_error(None, error)  # what was typed stays in the form
        else:
            messages.success(
                request,
                "Your application is saved. You may change it until the application deadline.",
            )
            return redirect("applications:application_form", round_.slug)
    now = timezone.now()
    context = {
        "round": round_,
        "application": application,
        "form": form,
        "formset": formset,
        "is_upcoming": now < round_.applications_open,
        "is_closed": now >= round_.applications_close,
    }
    has_errors = bool(form.errors or formset.total_error_count())
    return render(
        request, "applications/eligibility/form.html", context, status=400 if has_errors else 200
    )


@login_required
def mark_ineligible_view(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    application = permissions.application_for_verdict(request.user, round_slug, pk)
    here = reverse("applications:mark_ineligible", args=[application.round.slug, application.pk])
    form = IneligibleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and request.POST.get("action") == "eligible":
        perform(
            request,
            lambda: mark_eligible(application=application, by=request.user),
            success=f"{application.applicant.name} is eligible again.",
        )
        return redirect(here)
    if form.is_bound and form.is_valid():
        done = perform(
            request,
            lambda: mark_ineligible(
                application=application, by=request.user, reason=form.cleaned_data["reason"]
            ),
            success=f"{application.applicant.name} is marked ineligible; they see your reason.",
        )
        if done:
            return redirect(here)
    context = {
        "round": application.round,
        "application": application,
        "commitments": application.commitments.all(),
        "form": form,
    }
    return render(
        request,
        "applications/eligibility/ineligible.html",
        context,
        status=400 if form.errors else 200,
    )
