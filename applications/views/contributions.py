"""An applicant's contributions in a round, and a mentor's verdict on one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from applications import permissions
from applications.forms.contributions import ContributionForm
from applications.models import Contribution
from applications.services import contribution_lists
from applications.services.contributions import (
    contribution_record,
    contribution_review,
    contribution_update,
)
from programs.permissions import participation_for_member
from programs.roles import roles_in
from programs.views.outcome import perform

CONTRIBUTIONS_PER_PAGE = 25
Verdict = Contribution.Verdict


@login_required
def contributions(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = permissions.round_for_applying(request.user, round_slug)
    form = ContributionForm(
        request.POST if request.method == "POST" else None,
        round_=round_,
        initial={"participation": request.GET.get("org", "")[:120]},
    )
    if form.is_bound and form.is_valid():
        try:
            contribution_record(
                applicant=request.user,
                participation=form.cleaned_data["participation"],
                **form.service_kwargs(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "Your contribution is recorded; a mentor of the organization confirms it."
            )
            return redirect("applications:contributions", round_.slug)
    own = (
        Contribution.objects.filter(applicant=request.user, participation__round=round_)
        .select_related("participation__organization", "reviewed_by")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(own, CONTRIBUTIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "round": round_,
        "page": page,
        "form": form,
        "is_closed": timezone.now() >= round_.applications_close,
    }
    return render(
        request,
        "applications/contributions/list.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
def contribution_edit(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    contribution = permissions.contribution_for_edit(request.user, round_slug, pk)
    round_ = contribution.participation.round
    data = request.POST if request.method == "POST" else None
    form = ContributionForm(
        data, round_=round_, editing=True, initial=ContributionForm.initial_for(contribution)
    )
    if form.is_bound and form.is_valid():
        try:
            contribution_update(contribution=contribution, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your contribution is saved.")
            return redirect("applications:contributions", round_.slug)
    context = {
        "round": round_,
        "contribution": contribution,
        "organization": contribution.participation.organization,
        "form": form,
        "is_closed": timezone.now() >= round_.applications_close,
    }
    return render(
        request,
        "applications/contributions/edit.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
def contribution_review_view(
    request: HttpRequest, round_slug: str, org_slug: str, pk: int
) -> HttpResponse:
    """GET shows the contribution with the two buttons; POST gives the verdict."""
    contribution = permissions.contribution_for_review(request.user, round_slug, org_slug, pk)
    if request.method == "POST":
        verdict = request.POST.get("verdict", "")
        said = {Verdict.CONFIRMED: "confirmed", Verdict.REJECTED: "rejected"}.get(verdict, "")
        perform(
            request,
            lambda: contribution_review(
                contribution=contribution, by=request.user, verdict=verdict
            ),
            success=f"The contribution is {said}; {contribution.applicant.name} is told.",
        )
        return redirect(_back_to_list(request, contribution) or request.path)
    context = {
        "round": contribution.participation.round,
        "organization": contribution.participation.organization,
        "contribution": contribution,
    }
    return render(request, "applications/contributions/review.html", context)


def _org_contributions_url(round_slug: str, org_slug: str) -> str:
    return reverse("applications:org_contributions", args=[round_slug, org_slug])


def _back_to_list(request: HttpRequest, contribution: Contribution) -> str | None:
    """The organization's list with its filter and page, when the verdict was given there:
    only an address on this site under that very list (never one elsewhere)."""
    back = request.POST.get("next", "")
    participation = contribution.participation
    listed = _org_contributions_url(participation.round.slug, participation.organization.slug)
    if (
        len(back) <= 500
        and back.startswith(listed)
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    ):
        return back
    return None


@login_required
def org_contributions(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    """An organization's contributions for its mentors: one verdict at a time (the
    unreviewed first), 25 a page, each row with Confirm and Reject for those who review."""
    # The organization's mentors and org admins, who review, and program admins, who read
    # (the buttons are `may_review_contributions`'); anyone else gets 404.
    participation = participation_for_member(request.user, round_slug, org_slug)
    verdict = contribution_lists.verdict_from(request.GET.get("verdict", ""))
    page = Paginator(
        contribution_lists.contributions_with_verdict(participation=participation, verdict=verdict),
        contribution_lists.CONTRIBUTIONS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    counts = contribution_lists.verdict_counts(participation)
    context = {
        "participation": participation,
        "round": participation.round,
        "organization": participation.organization,
        "page": page,
        "verdict": verdict,
        "tabs": [(v, Verdict(v).label, counts[v]) for v in contribution_lists.VERDICTS],
        "may_review": permissions.may_review_contributions(roles_in(request.user, participation)),
        "here": request.get_full_path(),
    }
    return render(request, "applications/contributions/org_list.html", context)
