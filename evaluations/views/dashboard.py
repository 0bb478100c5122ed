"""The evaluation dashboards: a round's internships for program admins, an organization's
for its admins, each filterable, sortable, paginated, and as a streamed CSV with the same
filters. Who may open them: `evaluations.permissions` (the dashboards' section)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from evaluations import permissions
from evaluations.filters import InternshipFilter
from evaluations.services import dashboard, dashboard_csv


def _filtered(request: HttpRequest, scope, round_, *, with_organization: bool):
    filterset = InternshipFilter(
        request.GET or None, queryset=scope, round_=round_, with_organization=with_organization
    )
    wanted = dashboard.Wanted(
        midterm=filterset.wanted("midterm"),
        final=filterset.wanted("final"),
        sort=filterset.wanted("sort"),
    )
    return filterset, wanted


def _query(request: HttpRequest) -> str:
    """The filters as a query string, without the page number (for the CSV link)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _page(request: HttpRequest, scope, round_, *, with_organization: bool) -> dict:
    filterset, wanted = _filtered(request, scope, round_, with_organization=with_organization)
    page, rows = dashboard.table(
        filterset.qs,
        wanted=wanted,
        rules=round_.rules,
        page_number=request.GET.get("page"),
        now=timezone.now(),
    )
    return {
        "round": round_,
        "filterset": filterset,
        "page": page,
        "rows": rows,
        "filtered": any(value for key, value in request.GET.items() if key != "page"),
        "query": _query(request),
        "show_organization": with_organization,
    }


def _csv(request: HttpRequest, scope, round_, filename: str, *, with_organization: bool):
    filterset, wanted = _filtered(request, scope, round_, with_organization=with_organization)
    lines = dashboard.streamed(
        filterset.qs,
        wanted=wanted,
        rules=round_.rules,
        now=timezone.now(),
        chunk=dashboard_csv.CHUNK,
    )
    response = StreamingHttpResponse(
        dashboard_csv.pieces(lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def round_internships(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = permissions.round_for_internships_table(request.user, round_slug)
    context = _page(request, dashboard.of_round(round_), round_, with_organization=True)
    return render(request, "evaluations/dashboard/round.html", context)


@login_required
@require_GET
def round_internships_csv(request: HttpRequest, round_slug: str) -> StreamingHttpResponse:
    round_ = permissions.round_for_internships_table(request.user, round_slug)
    return _csv(
        request,
        dashboard.of_round(round_),
        round_,
        f"internships-{round_.slug}.csv",
        with_organization=True,
    )


@login_required
@require_GET
def org_internships(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_internships(request.user, round_slug, org_slug)
    round_ = participation.round
    context = _page(
        request, dashboard.of_participation(participation), round_, with_organization=False
    )
    context |= {"participation": participation, "organization": participation.organization}
    return render(request, "evaluations/dashboard/organization.html", context)


@login_required
@require_GET
def org_internships_csv(
    request: HttpRequest, round_slug: str, org_slug: str
) -> StreamingHttpResponse:
    participation = permissions.participation_for_internships(request.user, round_slug, org_slug)
    return _csv(
        request,
        dashboard.of_participation(participation),
        participation.round,
        f"internships-{participation.round.slug}-{participation.organization.slug}.csv",
        with_organization=False,
    )
