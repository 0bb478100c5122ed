"""Asking to mentor for an organization in a round: the person's form and their request's
page (where an accepted person confirms), and the org admins' list where they answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from programs import permissions
from programs.forms.organizations import (
    AcceptInvitationForm,
    MentorRequestAnswerForm,
    MentorRequestForm,
)
from programs.models import MentorRequest, Participation
from programs.services import mentor_requests as services
from programs.views.confirmation import Confirmation, confirmation_page
from programs.views.outcome import perform

# Org admins answer the oldest first; a page holds this many.
REQUESTS_PER_PAGE = 20


def _request_url(request: MentorRequest) -> str:
    participation = request.participation
    return reverse(
        "programs:mentor_request",
        args=[participation.round.slug, participation.organization.slug, request.pk],
    )


def _list_url(participation: Participation) -> str:
    return reverse(
        "programs:mentor_requests",
        args=[participation.round.slug, participation.organization.slug],
    )


@login_required
def mentor_request_create(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_asking_to_mentor(
        request.user, round_slug, org_slug
    )
    form = MentorRequestForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            asked = services.mentor_request_create(
                participation=participation, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Your request is sent to the admins of {participation.organization}; "
                "you will get an email with their answer.",
            )
            asked.participation = participation
            return redirect(_request_url(asked))
    return render(
        request,
        "programs/org/mentor_request_new.html",
        {
            "participation": participation,
            "round": participation.round,
            "organization": participation.organization,
            "form": form,
        },
    )


@login_required
def mentor_request(request: HttpRequest, round_slug: str, org_slug: str, pk: int) -> HttpResponse:
    asked = permissions.mentor_request_for_requester(request.user, round_slug, org_slug, pk)
    participation = asked.participation
    form = AcceptInvitationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.mentor_request_confirm(
                request=asked, user=request.user, accepts_terms=form.cleaned_data["accept_terms"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Welcome: you are now mentor of {participation.organization} "
                f"in {participation.round}.",
            )
            return redirect(
                "programs:participation", participation.round.slug, participation.organization.slug
            )
    return render(
        request,
        "programs/org/mentor_request.html",
        {
            "mentor_request": asked,
            "participation": participation,
            "round": participation.round,
            "organization": participation.organization,
            "form": form,
            "can_confirm": asked.status == MentorRequest.Status.ACCEPTED,
            "can_withdraw": asked.status in MentorRequest.PENDING,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mentor_request_withdraw(
    request: HttpRequest, round_slug: str, org_slug: str, pk: int
) -> HttpResponse:
    """Withdrawing cannot be undone (one may ask again): GET asks, POST withdraws."""
    asked = permissions.mentor_request_for_requester(request.user, round_slug, org_slug, pk)
    organization = asked.participation.organization
    if request.method == "GET":
        accepted = asked.status == MentorRequest.Status.ACCEPTED
        return confirmation_page(
            request,
            Confirmation(
                title=f"Withdraw your request to mentor for {organization}?",
                consequences=[
                    f"The admins of {organization} no longer see your request"
                    + (" and you do not become a mentor." if accepted else " to answer it."),
                    "You may ask again later with a new request.",
                ],
                button="Withdraw my request",
                cancel_url=_request_url(asked),
            ),
        )
    perform(
        request,
        lambda: services.mentor_request_withdraw(request=asked, user=request.user),
        success=f"Your request to mentor for {organization} is withdrawn.",
    )
    return redirect(_request_url(asked))


@login_required
def mentor_requests(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    """Two lists, each a page at a time: the requests waiting for an answer, and the accepted
    ones waiting for the person to confirm (so nobody accepted is forgotten)."""
    participation = permissions.participation_for_org_admin(request.user, round_slug, org_slug)
    requests = participation.mentor_requests.order_by("created_at", "pk")
    waiting = requests.filter(status=MentorRequest.Status.OPEN).select_related("user")
    page = Paginator(waiting, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(asked, MentorRequestAnswerForm(auto_id=f"id_request{asked.pk}_%s")) for asked in page]
    accepted = requests.filter(status=MentorRequest.Status.ACCEPTED).select_related(
        "user", "decided_by"
    )
    accepted_page = Paginator(accepted, REQUESTS_PER_PAGE).get_page(
        request.GET.get("accepted_page")
    )
    return render(
        request,
        "programs/org/mentor_requests.html",
        {
            "participation": participation,
            "round": participation.round,
            "organization": participation.organization,
            "page": page,
            "rows": rows,
            "accepted_page": accepted_page,
        },
    )


@login_required
@require_POST
def mentor_request_decide(
    request: HttpRequest, round_slug: str, org_slug: str, pk: int
) -> HttpResponse:
    asked = permissions.mentor_request_for_org_admin(request.user, round_slug, org_slug, pk)
    form = MentorRequestAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, f"Choose to accept or decline {asked.user}, with at most 500 characters."
        )
        return redirect(_list_url(asked.participation))
    accept = form.cleaned_data["decision"] == "accept"
    perform(
        request,
        lambda: services.mentor_request_decide(
            request=asked, by=request.user, accept=accept, answer=form.cleaned_data["answer"]
        ),
        success=f"{asked.user} is told: "
        + ("accepted; they confirm the commitment to start." if accept else "declined."),
    )
    return redirect(_list_url(asked.participation))
