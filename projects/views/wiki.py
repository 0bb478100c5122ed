"""The wiki template over the web: one idea or an organization's list as MediaWiki markup,
and importing a pasted page (preview, then all or nothing)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from projects import permissions
from projects.contacts import idea_data_for
from projects.filters import IdeaFilter
from projects.forms.wiki_import import WikiImportForm
from projects.models import IdeaMentor
from projects.services.wiki_import import ideas_import, ideas_import_preview
from projects.wiki.convert import with_wiki_details
from projects.wiki.render import render_idea, render_page


def _markup(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


def idea_wiki(request: HttpRequest, round_slug: str, org_slug: str, idea_slug: str) -> HttpResponse:
    idea = permissions.idea_for_view(request.user, round_slug, org_slug, idea_slug)
    prefetch_related_objects(
        [idea], "tags", Prefetch("mentors", queryset=IdeaMentor.objects.select_related("user"))
    )
    with_addresses = permissions.sees_addresses(request.user, idea.participation)
    return _markup(render_idea(idea_data_for(idea, with_addresses=with_addresses)) + "\n")


def org_ideas_wiki(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    """The organization's list as one page, with the public list's filters (GET parameters
    skill_level, language, size, q): published ideas, or all it may see for its people.
    Mentors' addresses only as projects.contacts allows this viewer: for the organization's
    people the page is what `ideas_export` writes."""
    participation = permissions.participation_for_public(request.user, round_slug, org_slug)
    filterset = IdeaFilter(
        request.GET or None,
        queryset=permissions.visible_ideas(request.user, participation),
        round_=participation.round,
        with_organization=False,
    )
    with_addresses = permissions.sees_addresses(request.user, participation)
    ideas = with_wiki_details(filterset.qs).order_by("title")
    return _markup(
        render_page([idea_data_for(idea, with_addresses=with_addresses) for idea in ideas])
    )


@login_required
def ideas_import_view(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    """Paste → preview of every idea and every problem → "Import N ideas" (which parses the
    posted text again: what is imported is what was last shown, or its problems come back)."""
    participation = permissions.participation_for_idea_admin(request.user, round_slug, org_slug)
    form = WikiImportForm(request.POST if request.method == "POST" else None)
    report = None
    if form.is_bound and form.is_valid():
        text = form.cleaned_data["page"]
        if "confirm" in request.POST:
            try:
                report = ideas_import(participation=participation, text=text, by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if report.ok:
                    count = len(report.ideas)
                    messages.success(
                        request,
                        f"{count} idea{'s' if count != 1 else ''} imported as drafts. Submit "
                        "each for review when it is ready.",
                    )
                    return redirect(reverse("projects:org_ideas", args=[round_slug, org_slug]))
        else:
            report = ideas_import_preview(participation=participation, text=text)
    return render(
        request,
        "projects/wiki/import.html",
        {
            "participation": participation,
            "round": participation.round,
            "organization": participation.organization,
            "form": form,
            "report": report,
        },
    )
