"""The applicant's dashboard in a round, and the mentors' list of the proposals submitted to
their organization's ideas. Access is applications.permissions'; what the pages read is
applications.services.dashboard's."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from applications import permissions
from applications.services.dashboard import (
    PROPOSALS_PER_PAGE,
    applicant_dashboard,
    proposal_rows,
    submitted_to_organization,
)
from programs.permissions import participation_for_member, round_for_public
from projects.models import ProjectIdea

# An idea filter longer than any slug is not one; cut it rather than look it up.
MAX_IDEA_SLUG = 120


@login_required
def dashboard(request: HttpRequest, round_slug: str) -> HttpResponse:
    # Rounds are public and the page shows only the signed-in person's own rows.
    round_ = round_for_public(round_slug)
    data = applicant_dashboard(applicant=request.user, round_=round_, now=timezone.now())
    return render(request, "applications/dashboard/dashboard.html", {"data": data, "round": round_})


@login_required
def org_proposals(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    # The organization's mentors and org admins, and program admins; anyone else gets 404.
    participation = participation_for_member(request.user, round_slug, org_slug)
    idea_slug = request.GET.get("idea", "").strip()[:MAX_IDEA_SLUG]
    idea = permissions.idea_of(participation, idea_slug) if idea_slug else None
    page = Paginator(
        submitted_to_organization(participation=participation, idea=idea), PROPOSALS_PER_PAGE
    ).get_page(request.GET.get("page"))
    ideas = (
        ProjectIdea.objects.filter(participation=participation, proposals__status="submitted")
        .distinct()
        .order_by("title", "pk")
        .only("title", "slug")
    )
    context = {
        "participation": participation,
        "round": participation.round,
        "organization": participation.organization,
        "page": page,
        "rows": proposal_rows(participation=participation, proposals=list(page)),
        "ideas": ideas,
        "idea": idea,
    }
    return render(request, "applications/dashboard/org_proposals.html", context)
