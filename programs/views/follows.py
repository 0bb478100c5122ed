"""Following a round and unfollowing it (POST only), then back to the page the button was on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from programs.follows import MAX_NEXT
from programs.models import Round
from programs.permissions import round_for_following
from programs.services.follows import round_follow, round_unfollow


def _back(request: HttpRequest, round_: Round) -> HttpResponse:
    target = request.POST.get("next", "")
    # Only a path of this site, as the page's own button sends: never another host, a view
    # name (which `redirect` would try to reverse) or a control character (which no header
    # may carry).
    if (
        target.startswith("/")
        and len(target) <= MAX_NEXT
        and target.isprintable()
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return HttpResponseRedirect(target)
    return redirect(round_.get_absolute_url())


@require_POST
@login_required
def follow(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = round_for_following(request.user, slug)
    round_follow(user=request.user, round_=round_)
    messages.success(request, f"You follow {round_.name}: its deadlines will reach you by email.")
    return _back(request, round_)


@require_POST
@login_required
def unfollow(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = round_for_following(request.user, slug)
    round_unfollow(user=request.user, round_=round_)
    messages.success(request, f"You no longer follow {round_.name}.")
    return _back(request, round_)
