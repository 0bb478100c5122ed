"""One week's meeting log: read it, write or correct it (either side, until confirmed), and
confirm it (the other side). The week is in the query (`?week=5`; none: this week)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from evaluations import permissions
from evaluations.forms.meetings import MeetingForm
from evaluations.models import Internship, WeeklyMeeting
from evaluations.services.meetings import confirm_meeting, edit_meeting, log_meeting
from programs.views.outcome import perform


def _week(internship: Internship, raw: str | None) -> int:
    """A week of this internship, or 404: anything else in the address names no page. No
    week given: the one running now (the first before coding, the last after it)."""
    if raw is None:
        return min(max(internship.weeks_ended_by(timezone.now()) + 1, 1), internship.weeks)
    if not raw.isascii() or not raw.isdigit() or len(raw) > 3:
        raise Http404
    week = int(raw)
    if not 1 <= week <= internship.weeks:
        raise Http404
    return week


def _meeting_url(internship: Internship, week: int) -> str:
    url = reverse("evaluations:meeting", args=[internship.participation.round.slug, internship.pk])
    return f"{url}?week={week}"


@login_required
def meeting(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    if request.method == "POST":
        found = permissions.internship_for_meetings(request.user, round_slug, pk)
    else:
        found = permissions.internship_for_view(request.user, round_slug, pk)
    week = _week(found, request.GET.get("week"))
    existing = (
        WeeklyMeeting.objects.filter(internship=found, week=week)
        .select_related("written_by", "confirmed_by")
        .first()
    )
    side = permissions.side_of(request.user, found)
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        zone=timezone.get_current_timezone_name(),
        initial=MeetingForm.initial_for(existing) if existing else {"held_at": timezone.now()},
    )
    if form.is_bound and form.is_valid():
        try:
            if existing is None:
                log_meeting(internship=found, week=week, by=request.user, content=form.content())
            else:
                edit_meeting(meeting=existing, by=request.user, content=form.content())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Week {week}'s meeting is logged; the other side confirms it."
            )
            return redirect("evaluations:internship", round_slug, found.pk)
    starts, ends = found.week_bounds(week)
    writer_side = None
    if existing is not None:
        writer_side = (
            permissions.Side.INTERN
            if existing.written_by_id == found.intern_id
            else permissions.Side.MENTOR
        )
    context = {
        "internship": found,
        "round": found.participation.round,
        "week": week,
        "starts": starts,
        "ends": ends,
        "meeting": existing,
        "form": form,
        "may_write": permissions.may_write_meetings(side)
        and found.is_running
        and not (existing and existing.is_confirmed),
        "may_confirm": existing is not None
        and not existing.is_confirmed
        and side is not None
        and side != writer_side,
    }
    return render(
        request,
        "evaluations/internships/meeting.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
def meeting_confirm(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    if request.method != "POST":
        found = permissions.internship_for_view(request.user, round_slug, pk)
        return redirect(_meeting_url(found, _week(found, request.GET.get("week"))))
    found = permissions.internship_for_meetings(request.user, round_slug, pk)
    week = _week(found, request.POST.get("week"))
    existing = WeeklyMeeting.objects.filter(internship=found, week=week).first()
    if existing is None:
        raise Http404
    raw_seen = request.POST.get("seen", "")[:64]
    try:
        seen = parse_datetime(raw_seen) if raw_seen.isascii() else None
    except ValueError:
        seen = None
    perform(
        request,
        lambda: confirm_meeting(meeting=existing, by=request.user, seen=seen),
        success=f"Week {week}'s meeting is confirmed.",
    )
    return redirect(_meeting_url(found, week))
