"""The organization's ranking: the ordered list beside each proposal's average score, flags
and committed mentors, with the proposals that may join it. Org admins change it with plain
forms (up, down, add, remove), so it works without JavaScript; mentors and program admins
read it. A small script (static/js/ranking.js) lets an org admin drag a row to its place,
posting the same form with the place dropped on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from programs.roles import roles_in
from programs.views.outcome import refusal
from selection import permissions
from selection.services import ranking as services
from selection.services import review_pages
from selection.views.reviews import org_context

RANKED_PER_PAGE = 50
SAID = {
    "up": "Moved up.",
    "down": "Moved down.",
    "add": "Added at the end of the ranking.",
    "remove": "Taken out of the ranking; the proposals below it moved up.",
    "place": "Moved.",
}


@login_required
def ranking(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    if request.method == "POST":
        return _change(request, round_slug, org_slug)
    participation = permissions.participation_for_review(request.user, round_slug, org_slug)
    roles = roles_in(request.user, participation)
    ranked = Paginator(review_pages.ranked(participation, request.user), RANKED_PER_PAGE).get_page(
        request.GET.get("page")
    )
    waiting = Paginator(
        review_pages.rankable(participation, request.user), review_pages.PER_PAGE
    ).get_page(request.GET.get("waiting"))
    context = {
        **org_context(participation),
        "ranked": ranked,
        "ranked_rows": review_pages.ranking_rows(roles=roles, proposals=list(ranked)),
        "waiting": waiting,
        "waiting_rows": review_pages.ranking_rows(roles=roles, proposals=list(waiting)),
        "may_rank": permissions.may_rank(roles),
    }
    return render(request, "selection/ranking.html", context)


def _change(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_ranking(request.user, round_slug, org_slug)
    action = request.POST.get("action", "")
    proposal = permissions.proposal_in_ranking(participation, request.POST.get("proposal", ""))
    try:
        if action in (services.UP, services.DOWN):
            services.rank_move(proposal=proposal, by=request.user, direction=action)
        elif action == "place":
            raw = request.POST.get("place", "")
            if not (raw.isascii() and raw.isdigit()) or len(raw) > 6:
                raise ValidationError("Choose a place in the ranking.")
            services.rank_place(proposal=proposal, by=request.user, place=int(raw))
        elif action == "add":
            services.rank_add(proposal=proposal, by=request.user)
        elif action == "remove":
            services.rank_remove(proposal=proposal, by=request.user)
        else:
            raise ValidationError("Choose up, down, add or remove.")
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, f"“{proposal.title}”: {SAID[action]}")
    back = request.POST.get("page", "")
    return redirect(
        request.path
        + (f"?page={back}" if back.isascii() and back.isdigit() and len(back) < 7 else "")
    )
