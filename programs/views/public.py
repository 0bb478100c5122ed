"""The public pages: the home page, a program, a round and its calendar feed.

Programs and rounds are public to everyone, signed in or not, so nothing here needs an access
decision beyond "does it exist" (404 for an unknown slug). Organizations appear only once
accepted (`Participation.objects.accepted()`), as `participation_for_public` would decide.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timeuntil

from programs.models import Membership, Participation, Program, Round
from programs.overview import active_members
from programs.permissions import program_for_public, round_for_public
from programs.timeline import DatedMilestone, Phase
from programs.urlformat import slug_url
from programs.views.ical import round_calendar
from programs.views.rules_text import rules_in_words

# On the home page a program lists its running and upcoming rounds and only this many
# finished ones; its own page lists them all.
FINISHED_ROUNDS_ON_HOME = 3

# A round page lists this many organizations at a time; a search finds any other by name.
ORGANIZATIONS_PER_PAGE = 25
# A search longer than any organization's name is cut, not refused.
MAX_ORGANIZATION_SEARCH = 120


@dataclass(frozen=True)
class RoundStatus:
    """A round as seen at one moment: its phase and what comes next."""

    round: Round
    phase: Phase
    next: DatedMilestone | None
    countdown: str

    @property
    def is_running(self) -> bool:
        return self.phase not in (Phase.UPCOMING, Phase.FINISHED)

    @property
    def is_finished(self) -> bool:
        return self.phase == Phase.FINISHED


def round_status(round_: Round, now: datetime) -> RoundStatus:
    upcoming = round_.next_milestone(now)
    return RoundStatus(
        round=round_,
        phase=round_.phase_at(now),
        next=upcoming,
        countdown=f"in {timeuntil(upcoming.at, now)}" if upcoming else "",
    )


def _running_first(statuses: list[RoundStatus]) -> list[RoundStatus]:
    """Running rounds (soonest next milestone first), then upcoming, then finished (newest
    first): what a visitor can act on now comes before what is history."""
    running = sorted((s for s in statuses if s.is_running), key=lambda s: s.next.at)
    upcoming = sorted((s for s in statuses if s.phase == Phase.UPCOMING), key=lambda s: s.next.at)
    finished = sorted(
        (s for s in statuses if s.is_finished), key=lambda s: s.round.ends, reverse=True
    )
    return running + upcoming + finished


def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    programs = Program.objects.prefetch_related("rounds")  # newest first (Round.Meta)
    listing = []
    for program in programs:
        statuses = _running_first([round_status(r, now) for r in program.rounds.all()])
        live = [s for s in statuses if not s.is_finished]
        finished = [s for s in statuses if s.is_finished]
        listing.append(
            {
                "program": program,
                "rounds": live + finished[:FINISHED_ROUNDS_ON_HOME],
                "hidden": max(0, len(finished) - FINISHED_ROUNDS_ON_HOME),
                "running": any(s.is_running for s in statuses),
            }
        )
    # Programs with something happening now come first; the rest keep their name order.
    listing.sort(key=lambda entry: not entry["running"])

    roles = []
    if request.user.is_authenticated:
        memberships = (
            Membership.objects.active()
            .filter(user=request.user)
            .select_related("participation__round__program", "participation__organization")
            .order_by("-participation__round__coding_start", "participation__organization__name")
        )
        roles = [
            {"membership": m, "status": round_status(m.participation.round, now)}
            for m in memberships
        ]
    return render(request, "programs/public/home.html", {"programs": listing, "roles": roles})


def program(request: HttpRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    program_ = program_for_public(slug)
    rounds = _running_first([round_status(r, now) for r in program_.rounds.all()])
    return render(request, "programs/public/program.html", {"program": program_, "rounds": rounds})


def accepted_organizations(round_: Round, search: str) -> QuerySet[Participation]:
    """The round's accepted organizations whose name contains `search`, with their active
    mentors counted in the same query.

    Counted by a subquery per row, not a join grouped over the round: PostgreSQL sorts by
    name first (walking the organizations' name index), cuts the page, then counts the
    mentors of its rows only, and the paginator's count leaves the subquery out.
    """
    organizations = Participation.objects.accepted().filter(round=round_)
    if search:
        organizations = organizations.filter(organization__name__icontains=search)
    return (
        organizations.select_related("organization")
        .annotate(mentor_count=active_members(Membership.Role.MENTOR))
        .order_by("organization__name", "pk")
    )


def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    round_ = round_for_public(slug)
    search = request.GET.get("q", "").strip()[:MAX_ORGANIZATION_SEARCH]
    page = Paginator(accepted_organizations(round_, search), ORGANIZATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    # Each row links twice: reverse once, then fill in each organization's slug.
    participation_url = slug_url(
        "programs:participation", fixed={"round_slug": round_.slug}, varying=("org_slug",)
    )
    ideas_url = slug_url(
        "projects:org_ideas", fixed={"round_slug": round_.slug}, varying=("org_slug",)
    )
    for participation in page:
        org_slug = participation.organization.slug
        participation.url = participation_url(org_slug=org_slug)
        participation.ideas_url = ideas_url(org_slug=org_slug)
    status = round_status(round_, now)
    ics_url = request.build_absolute_uri(reverse("programs:round_ics", args=[round_.slug]))
    context = {
        "round": round_,
        "status": status,
        "milestones": round_.milestones(now),
        "page": page,
        "search": search,
        "orgs_announced_ahead": round_.orgs_announced > now,
        "rules": rules_in_words(round_.rules),
        "webcal_url": "webcal://" + ics_url.split("://", 1)[1],
    }
    return render(request, "programs/public/round.html", context)


def round_ics(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = round_for_public(slug)
    calendar = round_calendar(round_, site_url=settings.SITE_URL, now=timezone.now())
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{round_.slug}.ics"'
    return response
