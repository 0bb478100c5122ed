"""Alumni pages (a program's and an organization's past interns by year, public) and the
intern's choice to be listed on them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from evaluations import permissions
from evaluations.services import alumni
from programs.models import Organization
from programs.permissions import program_for_public

ALUMNI_PER_PAGE = 50


def _year_asked(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    # ASCII digits only: int() would take other scripts' digits, and a year has four.
    return int(value) if value.isascii() and value.isdigit() and len(value) == 4 else None


def _alumni_page(request: HttpRequest, everyone, template: str, context: dict) -> HttpResponse:
    years = alumni.years_of(everyone)
    # One year a page, the newest unless another is asked for: the rows are sorted by
    # organization and intern, and a program's whole history sorted at once grew with it.
    year = _year_asked(request) or (years[0].year if years else None)
    page = Paginator(alumni.in_year(everyone, year), ALUMNI_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "internship": internship,
            "project": alumni.project_of(internship),
            "work_url": alumni.safe_link(internship.work_url or ""),
        }
        for internship in page.object_list
    ]
    return render(
        request,
        template,
        {
            **context,
            "page": page,
            "rows": rows,
            "years": years,
            "year": year,
        },
    )


def program_alumni(request: HttpRequest, slug: str) -> HttpResponse:
    # Public like the program: only interns who chose to be listed appear.
    program = program_for_public(slug)
    return _alumni_page(
        request, alumni.of_program(program), "evaluations/alumni/program.html", {"program": program}
    )


def org_alumni(request: HttpRequest, slug: str) -> HttpResponse:
    # Organizations' names are public (every round lists its organizations).
    organization = get_object_or_404(Organization, slug=slug)
    return _alumni_page(
        request,
        alumni.of_organization(organization),
        "evaluations/alumni/organization.html",
        {"organization": organization},
    )


@login_required
@require_POST
def alumni_listing(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    found = permissions.internship_for_alumni_listing(request.user, round_slug, pk)
    listed = request.POST.get("listed") == "yes"
    try:
        alumni.set_listing(internship=found, by=request.user, listed=listed)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "You are listed among the alumni once the internship completes."
            if listed
            else "You are not listed among the alumni.",
        )
    return redirect("evaluations:internship", round_slug, found.pk)
