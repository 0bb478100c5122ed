"""An internship's page (the intern's home in the round, and each mentor's view of it), the
list of one's internships, and ending an internship early."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from evaluations import permissions
from evaluations.forms.meetings import ExtendForm, WithdrawForm
from evaluations.services import pages
from evaluations.services.extensions import extend
from evaluations.services.internships import withdraw

INTERNSHIPS_PER_PAGE = 20


@login_required
def internship(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    found = permissions.internship_for_view(request.user, round_slug, pk)
    page = pages.internship_page(internship=found, user=request.user, now=timezone.now())
    return render(
        request,
        "evaluations/internships/internship.html",
        {"page": page, "internship": found, "round": found.participation.round},
    )


@login_required
def my_internships(request: HttpRequest) -> HttpResponse:
    # Only the person's own internships: nothing to decide beyond being signed in.
    page = Paginator(pages.internships_of(request.user), INTERNSHIPS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = pages.list_rows(page.object_list, user=request.user, now=timezone.now())
    return render(request, "evaluations/internships/mine.html", {"page": page, "rows": rows})


@login_required
def internship_withdraw(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    found = permissions.internship_for_withdrawal(request.user, round_slug, pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            withdraw(internship=found, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The internship is ended early; the reason is recorded.")
            return redirect("evaluations:internship", round_slug, found.pk)
    return render(
        request,
        "evaluations/internships/withdraw.html",
        {"internship": found, "round": found.participation.round, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def internship_extend(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    found = permissions.internship_for_extension(request.user, round_slug, pk)
    form = ExtendForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            extend(internship=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The internship is extended; the change is recorded.")
            return redirect("evaluations:internship", round_slug, found.pk)
    return render(
        request,
        "evaluations/internships/extend.html",
        {"internship": found, "round": found.participation.round, "form": form},
        status=400 if form.errors else 200,
    )
