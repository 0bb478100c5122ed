"""The ideas lists as read-only JSON, for organizations to show on their own websites.

Same addresses and filters as the pages (one FilterSet), published ideas only, whoever asks:
what a website shows must not depend on who happened to be signed in. Any origin may read it
(the data is public), so browsers let a script on another site fetch it.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from programs.permissions import round_for_public
from projects import permissions
from projects.filters import IdeaFilter
from projects.serializers import idea_as_dict, iso_utc
from projects.views.public import published_in_round, published_of


def _respond(payload: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _listing(request: HttpRequest, filterset: IdeaFilter, about: dict[str, Any]) -> JsonResponse:
    if filterset.is_bound and not filterset.is_valid():
        return _respond({"errors": filterset.errors.get_json_data()}, status=400)
    ideas = [idea_as_dict(idea, site_url=settings.SITE_URL) for idea in filterset.qs]
    return _respond({**about, "count": len(ideas), "ideas": ideas})


def _about_round(round_) -> dict[str, Any]:
    return {
        "round": {
            "name": round_.name,
            "slug": round_.slug,
            "ideas_published_at": iso_utc(round_.ideas_published),
        }
    }


@require_safe
def round_ideas_json(request: HttpRequest, round_slug: str) -> JsonResponse:
    round_ = round_for_public(round_slug)
    ideas = published_in_round(round_, timezone.now())
    filterset = IdeaFilter(request.GET or None, queryset=ideas, round_=round_)
    return _listing(request, filterset, _about_round(round_))


@require_safe
def org_ideas_json(request: HttpRequest, round_slug: str, org_slug: str) -> JsonResponse:
    participation = permissions.participation_for_public(request.user, round_slug, org_slug)
    round_ = participation.round
    ideas = published_of(participation, timezone.now())
    filterset = IdeaFilter(
        request.GET or None, queryset=ideas, round_=round_, with_organization=False
    )
    organization = participation.organization
    about = {
        **_about_round(round_),
        "organization": {"name": organization.name, "slug": organization.slug},
    }
    return _listing(request, filterset, about)
