"""The organization's review list, one proposal's review page, and its flags. Access is
selection.permissions'; what the pages read is selection.services.review_pages'; every
change is a service of selection.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from applications.models import Proposal
from programs.roles import roles_in
from programs.views.outcome import refusal
from projects.models import ProjectIdea
from selection import permissions
from selection.forms.reviews import IDEA_FILTER_MAX, STATES, ReviewForm
from selection.models import Candidacy
from selection.services import review_pages
from selection.services.reviews import interview_flag, review_save, set_aside
from selection.services.window import ranking_due_at, review_is_open


def org_context(participation) -> dict:
    """What the review part's pages name at their top (selection/_org_nav.html)."""
    round_ = participation.round
    return {
        "participation": participation,
        "round": round_,
        "organization": participation.organization,
        "ranking_due": ranking_due_at(round_),
        "open": review_is_open(round_, timezone.now()),
    }


@login_required
def review_list(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_review(request.user, round_slug, org_slug)
    roles = roles_in(request.user, participation)
    # Each filter on its own: an unknown state falls back to the default; an idea filter
    # longer than any slug is cut, then looked up (none of that name: 404).
    idea_slug = request.GET.get("idea", "").strip()[:IDEA_FILTER_MAX]
    state = request.GET.get("state", "")
    if state not in dict(STATES):
        state = ""
    # An idea of another organization, or none of that name: 404, as an address would.
    idea = (
        get_object_or_404(ProjectIdea, participation=participation, slug=idea_slug)
        if idea_slug
        else None
    )
    proposals = review_pages.filtered(participation, request.user, idea=idea, state=state)
    page = Paginator(proposals, review_pages.PER_PAGE).get_page(request.GET.get("page"))
    rows = review_pages.review_rows(
        participation=participation, viewer=request.user, roles=roles, proposals=list(page)
    )
    context = {
        **org_context(participation),
        "page": page,
        "rows": rows,
        "ideas": review_pages.ideas_with_proposals(participation),
        "idea": idea,
        "state": state,
        "states": STATES,
        "may_rank": permissions.may_rank(roles),
    }
    return render(request, "selection/review/list.html", context)


@login_required
def review(request: HttpRequest, round_slug: str, org_slug: str, pk: int) -> HttpResponse:
    """GET shows the proposal's review; POST gives or changes the viewer's own."""
    if request.method == "POST":
        proposal = permissions.proposal_for_reviewing(request.user, round_slug, org_slug, pk)
    else:
        proposal = permissions.proposal_for_review(request.user, round_slug, org_slug, pk)
    participation = proposal.idea.participation
    roles = roles_in(request.user, participation)
    data = review_pages.review_page(proposal=proposal, viewer=request.user, roles=roles)
    form = ReviewForm(criteria=data.criteria, review=data.mine)
    if request.method == "POST":
        form = ReviewForm(request.POST, criteria=data.criteria, review=data.mine)
        if form.is_valid():
            try:
                review_save(
                    proposal=proposal,
                    by=request.user,
                    comment=form.cleaned_data["comment"],
                    score=form.cleaned_data.get("score"),
                    marks=form.marks(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Your review is saved.")
                return redirect(request.path)
    context = {
        **org_context(participation),
        "proposal": proposal,
        "data": data,
        "form": form,
        "may_review": permissions.may_review(roles),
        "may_rank": permissions.may_rank(roles),
        "set_aside_choices": [c for c in Candidacy.SetAside.choices if c[0]],
    }
    return render(
        request, "selection/review/review.html", context, status=400 if form.errors else 200
    )


FLAG_ACTIONS = {
    "interview": "The applicant is flagged for an interview.",
    "no_interview": "The interview flag is taken back.",
    "spam": "The proposal is set aside as spam.",
    "not_serious": "The proposal is set aside as not serious.",
    "restore": "The proposal is back in the running (unranked).",
}


@login_required
@require_POST
def review_flag(request: HttpRequest, round_slug: str, org_slug: str, pk: int) -> HttpResponse:
    proposal = permissions.proposal_for_reviewing(request.user, round_slug, org_slug, pk)
    action = request.POST.get("action", "")
    if action not in FLAG_ACTIONS:
        messages.error(request, "Choose what to do with the proposal.")
        return redirect(_review_url(proposal))
    try:
        if action in ("interview", "no_interview"):
            done = interview_flag(proposal=proposal, by=request.user, flagged=action == "interview")
        else:
            reason = "" if action == "restore" else action
            done = set_aside(proposal=proposal, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        said = FLAG_ACTIONS[action]
        if done.unranked:
            said += " It left the ranking, and the proposals below it moved up."
        messages.success(request, said)
    return redirect(_review_url(proposal))


def _review_url(proposal: Proposal) -> str:
    participation = proposal.idea.participation
    return reverse(
        "selection:review",
        args=[participation.round.slug, participation.organization.slug, proposal.pk],
    )
