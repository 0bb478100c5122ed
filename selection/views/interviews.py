"""Interviews: the mentor's slots page, inviting, one interview's page (notes, outcome,
cancel, move), the applicant's interviews page, booking, cancelling or moving, and the
calendar file. Access is selection.permissions'; every change is a service's."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from programs.roles import roles_in
from programs.views.outcome import perform
from selection import permissions
from selection.forms.interviews import CancelForm, InviteForm, MoveForm, RecordForm, SlotsForm
from selection.models import InterviewSlot
from selection.services import interview_pages as pages
from selection.services.interviews import (
    interview_book,
    interview_cancel,
    interview_invite,
    interview_move,
    interview_record,
    slot_withdraw,
    slots_publish,
)
from selection.views.ical import interview_calendar

# A page number is a few digits; anything longer is not one.
MAX_PAGE = 12


def _page(request: HttpRequest, name: str = "page") -> str:
    return request.GET.get(name, "")[:MAX_PAGE]


def _slot_pk(request: HttpRequest) -> int | None:
    value = request.POST.get("slot", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


# --- The organization's side ------------------------------------------------------------------


@login_required
def interview_slots(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    """The person's slots in the organization (publish, delete a free one), and the proposals
    flagged for interview, to invite their applicants."""
    participation = permissions.participation_for_interviewing(request.user, round_slug, org_slug)
    here = reverse("selection:interview_slots", args=[round_slug, org_slug])
    publishing = request.method == "POST" and request.POST.get("action") != "withdraw"
    form = SlotsForm(request.POST if publishing else None)
    if request.method == "POST" and not publishing:
        pk = _slot_pk(request)
        slot = get_object_or_404(
            InterviewSlot.objects.select_related("participation"),
            participation=participation,
            withdrawn_at__isnull=True,
            pk=pk or 0,
        )
        perform(
            request,
            lambda: slot_withdraw(slot=slot, by=request.user),
            success="The slot is deleted.",
        )
        return redirect(here)
    if form.is_bound and form.is_valid():
        try:
            created = slots_publish(
                participation=participation, mentor=request.user, run=form.run()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{len(created)} slot(s) published.")
            return redirect(here)
    now = timezone.now()
    show = request.GET.get("show", "")
    # Org admins also list every interview of the organization, with its outcome.
    everyone = show == "organization" and roles_in(request.user, participation).org_admin
    past = show == "past"
    rows = (
        pages.organization_interviews(participation=participation)
        if everyone
        else pages.mentor_slots(
            participation=participation, mentor=request.user, past=past, now=now
        )
    )
    slots = Paginator(rows, pages.SLOTS_PER_PAGE).get_page(_page(request))
    flagged = Paginator(
        pages.flagged_candidacies(participation=participation, mentor=request.user),
        pages.FLAGGED_PER_PAGE,
    ).get_page(_page(request, "flagged"))
    context = {
        "participation": participation,
        "round": participation.round,
        "organization": participation.organization,
        "form": form,
        "page": slots,
        "past": past,
        "everyone": everyone,
        "may_list_everyone": roles_in(request.user, participation).org_admin,
        "flagged": flagged,
        "invite_form": InviteForm(),
        "here": request.get_full_path(),
    }
    return render(
        request, "selection/interviews/slots.html", context, status=400 if form.errors else 200
    )


def _back(request: HttpRequest, within: str) -> str | None:
    """Where to return after a button: an address of this site under `within` only."""
    back = request.POST.get("next", "")
    if (
        len(back) <= 500
        and back.startswith(within)
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    ):
        return back
    return None


@login_required
@require_POST
def interview_invite_view(
    request: HttpRequest, round_slug: str, org_slug: str, pk: int
) -> HttpResponse:
    candidacy = permissions.candidacy_for_invite(request.user, round_slug, org_slug, pk)
    form = InviteForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    if form.is_valid():
        perform(
            request,
            lambda: interview_invite(candidacy=candidacy, mentor=request.user, message=message),
            success=f"{candidacy.applicant.name} is invited to book one of your slots.",
        )
    else:
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
    org = f"/rounds/{round_slug}/orgs/{org_slug}/"
    return redirect(
        _back(request, org) or reverse("selection:interview_slots", args=[round_slug, org_slug])
    )


@login_required
def interview(request: HttpRequest, round_slug: str, org_slug: str, pk: int) -> HttpResponse:
    """One interview for the organization: when, where, with whom; its notes and outcome;
    cancelling or moving it (the applicant is told)."""
    found = permissions.interview_for_org(request.user, round_slug, org_slug, pk)
    here = request.path
    now = timezone.now()
    action = request.POST.get("action", "") if request.method == "POST" else ""
    record = RecordForm(
        request.POST if action == "record" else None,
        initial={"notes": found.notes, "outcome": found.outcome},
    )
    cancel = CancelForm(request.POST if action == "cancel" else None)
    if action:
        permissions.require_recording(request.user, found)
    done = False
    if action == "record" and record.is_valid():
        data = record.cleaned_data
        done = perform(
            request,
            lambda: interview_record(
                interview=found, by=request.user, notes=data["notes"], outcome=data["outcome"]
            ),
            success="Your notes are saved.",
        )
    elif action == "cancel" and cancel.is_valid():
        done = perform(
            request,
            lambda: interview_cancel(
                interview=found, by=request.user, reason=cancel.cleaned_data["reason"]
            ),
            success=f"The interview is cancelled; {found.applicant.name} is told.",
        )
    if done:
        return redirect(here)
    choices = pages.move_choices(found, now) if found.status == "booked" else []
    move = MoveForm(request.POST if action == "move" else None, slots=choices)
    if action == "move" and move.is_valid():
        slot = move.slots[move.cleaned_data["slot"]]
        try:
            moved = interview_move(
                interview=found, to=slot, by=request.user, reason=move.cleaned_data["reason"]
            )
        except ValidationError as error:
            move.add_error(None, error)
        else:
            messages.success(request, f"The interview is moved; {found.applicant.name} is told.")
            return redirect("selection:interview", round_slug, org_slug, moved.pk)
    roles = roles_in(request.user, found.slot.participation)
    context = {
        "interview": found,
        "participation": found.slot.participation,
        "round": found.slot.participation.round,
        "organization": found.slot.participation.organization,
        "may_record": permissions.may_record_interview(
            roles, is_its_mentor=found.mentor_id == request.user.pk
        ),
        "changeable": found.status == "booked" and found.starts_at > now,
        "record": record,
        "cancel": cancel,
        "move": move,
    }
    bad = any(form.errors for form in (record, cancel, move))
    template = "selection/interviews/interview.html"
    return render(request, template, context, status=400 if bad else 200)


# --- The applicant's side ---------------------------------------------------------------------


@login_required
def my_interviews(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = permissions.round_for_interviews(request.user, round_slug)
    now = timezone.now()
    data = pages.applicant_interviews(
        applicant=request.user, round_=round_, now=now, page=_page(request)
    )
    context = {"round": round_, "data": data, "now": now}
    return render(request, "selection/interviews/mine.html", context)


@login_required
@require_POST
def interview_book_view(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    slot = permissions.slot_for_booking(request.user, round_slug, pk)
    perform(
        request,
        lambda: interview_book(slot=slot, applicant=request.user),
        success=f"Your interview with {slot.mentor.name} is booked; {slot.mentor.name} is told.",
    )
    return redirect("selection:my_interviews", round_slug)


@login_required
def interview_cancel_view(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    """GET asks (cancel, or choose another of the mentor's free slots); POST does it."""
    found = permissions.interview_for_applicant(request.user, round_slug, pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    now = timezone.now()
    cancel = CancelForm(request.POST if action == "cancel" else None)
    choices = pages.move_choices(found, now) if found.status == "booked" else []
    move = MoveForm(request.POST if action == "move" else None, slots=choices)
    done = None
    if action == "cancel" and cancel.is_valid():
        done = perform(
            request,
            lambda: interview_cancel(
                interview=found, by=request.user, reason=cancel.cleaned_data["reason"]
            ),
            success=f"Your interview is cancelled; {found.mentor.name} is told.",
        )
    elif action == "move" and move.is_valid():
        slot = move.slots[move.cleaned_data["slot"]]
        try:
            interview_move(
                interview=found, to=slot, by=request.user, reason=move.cleaned_data["reason"]
            )
        except ValidationError as error:
            move.add_error(None, error)
        else:
            messages.success(request, f"Your interview is moved; {found.mentor.name} is told.")
            done = True
    if done:
        return redirect("selection:my_interviews", round_slug)
    context = {
        "round": found.slot.participation.round,
        "interview": found,
        "changeable": found.status == "booked" and found.starts_at > now,
        "cancel": cancel,
        "move": move,
    }
    bad = cancel.errors or move.errors
    return render(request, "selection/interviews/cancel.html", context, status=400 if bad else 200)


# --- Either side ------------------------------------------------------------------------------


@login_required
def interview_ics(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.interview_for_calendar(request.user, pk)
    participation = found.slot.participation
    if request.user.pk == found.applicant_id:
        path = reverse("selection:my_interviews", args=[participation.round.slug])
    elif roles_in(request.user, participation).member:
        path = reverse(
            "selection:interview",
            args=[participation.round.slug, participation.organization.slug, found.pk],
        )
    else:  # the interviewer who has since left the organization: the file, no page
        path = reverse("selection:interview_ics", args=[found.pk])
    calendar = interview_calendar(
        found, site_url=settings.SITE_URL, link=settings.SITE_URL + path, now=timezone.now()
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{found.pk}.ics"'
    return response
