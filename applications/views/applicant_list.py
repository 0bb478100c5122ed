"""A program admin's list of a round's applications: where they find an applicant to mark
ineligible (or eligible again). Access is applications.permissions'."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from applications import permissions
from applications.services.applicant_list import (
    APPLICATIONS_PER_PAGE,
    MAX_APPLICANT_SEARCH,
    Eligibility,
    applications_in_round,
)


@login_required
def round_applications(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = permissions.round_for_application_list(request.user, round_slug)
    search = request.GET.get("q", "").strip()[:MAX_APPLICANT_SEARCH]
    eligibility = request.GET.get("eligibility", "")
    if eligibility not in dict(Eligibility.choices):
        eligibility = ""
    page = Paginator(
        applications_in_round(round_=round_, search=search, eligibility=eligibility),
        APPLICATIONS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    context = {
        "round": round_,
        "page": page,
        "search": search,
        "eligibility": eligibility,
        "eligibility_choices": Eligibility.choices,
    }
    return render(request, "applications/applicants/list.html", context)
