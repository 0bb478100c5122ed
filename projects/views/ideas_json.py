"""The ideas lists as read-only JSON, for organizations to show on their own websites.

Same addresses and filters as the pages (one FilterSet), published ideas only, whoever asks:
what a website shows must not depend on who happened to be signed in. Any origin may read it
(the data is public), so browsers let a script on another site fetch it.

A list comes a page at a time (`page`, `IDEAS_PER_PAGE` ideas each) with the addresses of the
next and previous pages, and carries an `ETag` and a `Last-Modified` taken from one cheap
query (how many ideas the list publishes and when one last changed), so a website polling it
gets a 304 until something changes. The README states this contract.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from programs.models import Participation, Round
from programs.permissions import round_for_public
from programs.urlformat import slug_url
from projects import permissions
from projects.filters import IdeaFilter
from projects.models import ProjectIdea
from projects.serializers import idea_as_dict, iso_utc
from projects.views.public import published_in_round, published_of

IDEAS_PER_PAGE = 100
# Part of every ETag: a change to the shape of the answer must not be hidden behind a 304.
FORMAT_VERSION = "2"


@dataclass(frozen=True)
class ListVersion:
    """What one list's answer depends on, read in one aggregate query."""

    etag: str
    last_modified: datetime


@dataclass(frozen=True)
class IdeasList:
    """The list a request asks for, before any idea is read: its round, its organization
    (for an organization's list) and its published ideas."""

    round: Round
    participation: Participation | None
    ideas: QuerySet[ProjectIdea]


def _ideas_list(request: HttpRequest, round_slug: str, org_slug: str | None = None) -> IdeasList:
    """Looked up once per request: the conditional check and the view both need it."""
    cached = getattr(request, "_ideas_list", None)
    if cached is None:
        now = timezone.now()
        if org_slug is None:
            round_ = round_for_public(round_slug)
            cached = IdeasList(round_, None, published_in_round(round_, now))
        else:
            participation = permissions.participation_for_public(request.user, round_slug, org_slug)
            cached = IdeasList(participation.round, participation, published_of(participation, now))
        request._ideas_list = cached
    return cached


def _version(request: HttpRequest, round_slug: str, org_slug: str | None = None) -> ListVersion:
    """The list's version: its published ideas counted and their latest change, with the
    names it shows. Any edit of an idea saves it (tags and mentors too), so a change to
    what the list shows moves `updated_at`; a publication or a withdrawal moves the count.
    """
    cached = getattr(request, "_ideas_version", None)
    if cached is not None:
        return cached
    listed = _ideas_list(request, round_slug, org_slug)
    round_ = listed.round
    counted = listed.ideas.order_by().aggregate(count=Count("pk"), latest=Max("updated_at"))
    published = min(round_.ideas_published, timezone.now())
    last_modified = max(filter(None, [counted["latest"], published]))
    organization = listed.participation.organization.name if listed.participation else ""
    parts = [
        FORMAT_VERSION,
        counted["count"],
        counted["latest"].isoformat() if counted["latest"] else "",
        round_.name,
        round_.ideas_published.isoformat(),
        organization,
        settings.SITE_URL,
    ]
    digest = hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()[:32]
    cached = ListVersion(etag=f'W/"{digest}"', last_modified=last_modified)
    request._ideas_version = cached
    return cached


def _etag(request: HttpRequest, round_slug: str, org_slug: str | None = None) -> str:
    return _version(request, round_slug, org_slug).etag


def _last_modified(request: HttpRequest, round_slug: str, org_slug: str | None = None):
    return _version(request, round_slug, org_slug).last_modified


def _respond(payload: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    # Kept by browsers and proxies but asked again each time: the ETag makes that cheap.
    response["Cache-Control"] = "public, no-cache"
    return response


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return f"{settings.SITE_URL}{request.path}?{query.urlencode()}"


def _listing(request: HttpRequest, filterset: IdeaFilter, about: dict[str, Any]) -> JsonResponse:
    if filterset.is_bound and not filterset.is_valid():
        return _respond({"errors": filterset.errors.get_json_data()}, status=400)
    paginator = Paginator(filterset.qs, IDEAS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        message = f"Pages run from 1 to {paginator.num_pages}."
        return _respond({"errors": {"page": [{"message": message, "code": "invalid"}]}}, 400)

    # Every idea of a page shares its round: reverse its address once and fill in each
    # idea's slugs, and write the publication instant once.
    round_ = about["round"]
    idea_url = slug_url(
        "projects:idea", fixed={"round_slug": round_["slug"]}, varying=("org_slug", "idea_slug")
    )
    published_at = round_["ideas_published_at"]
    ideas = [
        idea_as_dict(
            idea,
            url=settings.SITE_URL
            + idea_url(org_slug=idea.participation.organization.slug, idea_slug=idea.slug),
            published_at=published_at,
        )
        for idea in page
    ]
    return _respond(
        {
            **about,
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                _page_url(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "ideas": ideas,
        }
    )


def _about_round(round_: Round) -> dict[str, Any]:
    return {
        "round": {
            "name": round_.name,
            "slug": round_.slug,
            "ideas_published_at": iso_utc(round_.ideas_published),
        }
    }


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def round_ideas_json(request: HttpRequest, round_slug: str) -> JsonResponse:
    listed = _ideas_list(request, round_slug)
    filterset = IdeaFilter(request.GET or None, queryset=listed.ideas, round_=listed.round)
    return _listing(request, filterset, _about_round(listed.round))


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def org_ideas_json(request: HttpRequest, round_slug: str, org_slug: str) -> JsonResponse:
    listed = _ideas_list(request, round_slug, org_slug)
    filterset = IdeaFilter(
        request.GET or None, queryset=listed.ideas, round_=listed.round, with_organization=False
    )
    organization = listed.participation.organization
    about = {
        **_about_round(listed.round),
        "organization": {"name": organization.name, "slug": organization.slug},
    }
    return _listing(request, filterset, about)
