"""A mentor's "I will mentor this" on a proposal, and taking it back (POST only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from programs.views.outcome import refusal
from selection import permissions
from selection.services.commitments import commit, uncommit


@login_required
@require_POST
def review_commit(request: HttpRequest, round_slug: str, org_slug: str, pk: int) -> HttpResponse:
    proposal = permissions.proposal_for_reviewing(request.user, round_slug, org_slug, pk)
    back = reverse("selection:review", args=[round_slug, org_slug, proposal.pk])
    try:
        if request.POST.get("action") == "withdraw":
            done = uncommit(proposal=proposal, by=request.user)
            said = "You no longer say you will mentor this proposal."
            if done.unranked:
                said += (
                    " No mentor is committed to it any more, so it left the ranking and the "
                    "proposals below it moved up."
                )
        else:
            commit(proposal=proposal, by=request.user)
            said = "You said you will mentor this proposal; it can be ranked now."
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, said)
    return redirect(back)
