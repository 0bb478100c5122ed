"""The applicant's dashboard in a round. (The mentors' list of the proposals submitted to
their organization's ideas is selection's review list now; its old address redirects there.)
What the page reads is applications.services.dashboard's."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from applications.services.dashboard import applicant_dashboard
from programs.permissions import round_for_public


@login_required
def dashboard(request: HttpRequest, round_slug: str) -> HttpResponse:
    # Rounds are public and the page shows only the signed-in person's own rows.
    round_ = round_for_public(round_slug)
    data = applicant_dashboard(applicant=request.user, round_=round_, now=timezone.now())
    return render(request, "applications/dashboard/dashboard.html", {"data": data, "round": round_})
