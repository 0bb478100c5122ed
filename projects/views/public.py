"""What applicants see: the ideas of a round, of one organization, and one idea with its
discussion.

Published ideas are public. An organization's own people also find their unpublished ideas in
its list, each with its status (projects.permissions.visible_ideas decides who sees what).
Every list makes the same queries whatever its length: tags and mentors are prefetched and the
list is cut into pages.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from programs.models import Organization, Participation, Round
from programs.permissions import round_for_public
from programs.roles import roles_in
from programs.timeline import Phase
from programs.urlformat import slug_url
from projects import permissions
from projects.contacts import mentor_contact, shown_name
from projects.filters import IdeaFilter
from projects.forms.discussion import CommentForm
from projects.models import IdeaComment, IdeaMentor, ProjectIdea, Tag

PER_PAGE = 25
# Case-insensitive, so "libvirt" sorts next to "Linux" on SQLite as on PostgreSQL.
ORG_ORDER = (Lower("title"), "pk")
ROUND_ORDER = (Lower("participation__organization__name"), *ORG_ORDER)


def with_list_details(ideas: QuerySet[ProjectIdea]) -> QuerySet[ProjectIdea]:
    """Everything a row (or a JSON entry) shows, in a fixed number of queries."""
    return ideas.select_related(
        "participation__round", "participation__organization"
    ).prefetch_related(
        "tags",  # Tag.Meta orders by kind, then name
        Prefetch("mentors", queryset=IdeaMentor.objects.select_related("user")),
    )


def published_in_round(round_: Round, now: datetime) -> QuerySet[ProjectIdea]:
    return with_list_details(
        ProjectIdea.objects.published(now).filter(participation__round=round_)
    ).order_by(*ROUND_ORDER)


def published_of(participation: Participation, now: datetime) -> QuerySet[ProjectIdea]:
    return with_list_details(
        ProjectIdea.objects.published(now).filter(participation=participation)
    ).order_by(*ORG_ORDER)


def _filter_query(request: HttpRequest) -> str:
    """The filters of this page as a query string, without the page number, for links to
    the same list elsewhere (JSON, wiki markup)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _is_filtered(request: HttpRequest) -> bool:
    return any(value for key, value in request.GET.items() if key != "page")


def _page(request: HttpRequest, ideas: QuerySet[ProjectIdea], round_: Round) -> Page:
    """One page of ideas, each with what its row shows worked out here, once: its `url`
    (reversed once for the page, not once per row), `language_names` and `mentor_names`."""
    # The description is the one long text of an idea, and no row shows it.
    page = Paginator(ideas.defer("description"), PER_PAGE).get_page(request.GET.get("page"))
    idea_url = slug_url(
        "projects:idea", fixed={"round_slug": round_.slug}, varying=("org_slug", "idea_slug")
    )
    for idea in page:
        idea.url = idea_url(org_slug=idea.participation.organization.slug, idea_slug=idea.slug)
        idea.language_names = [t.name for t in idea.tags.all() if t.kind == Tag.Kind.LANGUAGE]
        idea.mentor_names = [shown_name(mentor) for mentor in idea.mentors.all()]
    return page


def round_ideas(request: HttpRequest, round_slug: str) -> HttpResponse:
    now = timezone.now()
    round_ = round_for_public(round_slug)
    filterset = IdeaFilter(
        request.GET or None, queryset=published_in_round(round_, now), round_=round_
    )
    context = {
        "round": round_,
        "filterset": filterset,
        "page": _page(request, filterset.qs, round_),
        "filtered": _is_filtered(request),
        "filter_query": _filter_query(request),
        "before_ideas_date": now < round_.ideas_published,
    }
    return render(request, "projects/public/round_ideas.html", context)


def org_ideas(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    now = timezone.now()
    participation = permissions.participation_for_public(request.user, round_slug, org_slug)
    roles = roles_in(request.user, participation)
    round_ = participation.round
    ideas = with_list_details(permissions.visible_ideas(request.user, participation)).order_by(
        *ORG_ORDER
    )
    filterset = IdeaFilter(
        request.GET or None, queryset=ideas, round_=round_, with_organization=False
    )
    page = _page(request, filterset.qs, round_)
    for idea in page:
        idea.published_now = idea.is_published_at(now)
    context = {
        "round": round_,
        "participation": participation,
        "organization": participation.organization,
        "filterset": filterset,
        "page": page,
        "filtered": _is_filtered(request),
        "filter_query": _filter_query(request),
        "before_ideas_date": now < round_.ideas_published,
        "can_adopt": permissions.may_author(roles),
        "can_review": permissions.may_run_ideas(roles),
        "in_application_period": round_.phase_at(now) == Phase.APPLICATIONS,
    }
    return render(request, "projects/public/org_ideas.html", context)


@dataclass(frozen=True)
class ShownLink:
    label: str
    url: str
    # Empty unless http(s), or a wiki page name and the organization has a wiki address;
    # anything else is shown, never followed.
    href: str


def link_href(url: str, organization: Organization | None) -> str:
    scheme = urlsplit(url).scheme
    if scheme in ("http", "https"):
        return url
    if not scheme and organization is not None:
        return organization.wiki_page_url(url)
    return ""


def shown_links(
    items: list, label_key: str, organization: Organization | None = None
) -> list[ShownLink]:
    shown = []
    for item in items or []:
        url = str(item.get("url", ""))
        label = str(item.get(label_key) or item.get("label") or item.get("title") or url)
        href = link_href(url, organization)
        shown.append(ShownLink(label=label, url=url, href=href))
    return shown


def idea_detail(
    request: HttpRequest, round_slug: str, org_slug: str, idea_slug: str
) -> HttpResponse:
    idea = permissions.idea_for_view(request.user, round_slug, org_slug, idea_slug)
    return idea_page(request, idea)


def idea_page(
    request: HttpRequest,
    idea: ProjectIdea,
    *,
    bound_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The idea page; the comment view renders it too, with the form that was refused."""
    now = timezone.now()
    prefetch_related_objects(
        [idea], "tags", Prefetch("mentors", queryset=IdeaMentor.objects.select_related("user"))
    )
    abilities = permissions.idea_abilities(request.user, idea)
    comments = list(
        IdeaComment.objects.filter(idea=idea)
        .filter(
            visibility__in=[IdeaComment.Visibility.PUBLIC, IdeaComment.Visibility.ORGANIZATION]
            if abilities.write_notes
            else [IdeaComment.Visibility.PUBLIC]
        )
        .select_related("author")
    )
    mentor_ids = {m.user_id for m in idea.mentors.all() if m.user_id}
    for comment in comments:
        comment.by_mentor = comment.author_id in mentor_ids

    published = idea.is_published_at(now)
    forms = {}
    if request.user.is_authenticated:
        if published:
            forms["public"] = CommentForm(visibility=IdeaComment.Visibility.PUBLIC)
        if abilities.write_notes:
            forms["organization"] = CommentForm(visibility=IdeaComment.Visibility.ORGANIZATION)
    if bound_form is not None:
        forms[bound_form["visibility"].value()] = bound_form

    tags = list(idea.tags.all())
    here = idea.get_absolute_url()
    context = {
        "idea": idea,
        "round": idea.participation.round,
        "organization": idea.participation.organization,
        "published": published,
        "abilities": abilities,
        "mentors": [
            mentor_contact(m, with_addresses=abilities.see_addresses) for m in idea.mentors.all()
        ],
        "languages": [t for t in tags if t.kind == Tag.Kind.LANGUAGE],
        "skills": [t for t in tags if t.kind == Tag.Kind.SKILL],
        "links": shown_links(idea.links, "label", idea.participation.organization),
        "starter_tasks": shown_links(idea.starter_tasks, "title", idea.participation.organization),
        "questions": [c for c in comments if c.visibility == IdeaComment.Visibility.PUBLIC],
        "notes": [c for c in comments if c.visibility == IdeaComment.Visibility.ORGANIZATION],
        "question_form": forms.get("public"),
        "note_form": forms.get("organization"),
        "login_url": reverse("account_login") + "?" + urlencode({"next": here}, safe="/"),
        "shows_proposer": idea.is_custom
        and (abilities.write_notes or idea.proposed_by_id == request.user.pk),
    }
    return render(request, "projects/public/idea.html", context, status=status)
