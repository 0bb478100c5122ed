"""An applicant's proposals: start one from an idea, write it (autosaved), submit, withdraw,
order the submitted ones; an org admin's exception to the deadline. Each view asks
applications.permissions who may act, parses a form, calls applications.services.proposals
and renders. Every page here is private: signed-in pages get `Cache-Control: private,
no-store` from config.middleware.PrivatePagesMiddleware."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from applications import permissions
from applications.forms.proposals import ExceptionForm, ProposalForm
from applications.models import Application, Proposal
from applications.services import proposals as services
from programs.permissions import round_for_public
from programs.roles import roles_in
from programs.views.confirmation import Confirmation, confirmation_page
from programs.views.outcome import perform, refusal


def proposal_url(proposal: Proposal) -> str:
    return reverse("applications:proposal", args=[proposal.application.round.slug, proposal.pk])


def _order_url(round_slug: str) -> str:
    return reverse("applications:proposal_order", args=[round_slug])


@login_required
@require_POST
def proposal_new(
    request: HttpRequest, round_slug: str, org_slug: str, idea_slug: str
) -> HttpResponse:
    """Start (or reopen) the applicant's draft to an idea."""
    idea = permissions.idea_for_proposal(request.user, round_slug, org_slug, idea_slug)
    try:
        proposal = services.proposal_start(applicant=request.user, idea=idea)
    except ValidationError as error:
        messages.error(request, refusal(error))
        return redirect(idea.get_absolute_url())
    return redirect(proposal_url(proposal))


def _render(
    request: HttpRequest, proposal: Proposal, form: ProposalForm | None, *, status: int = 200
) -> HttpResponse:
    now = timezone.now()
    is_author = proposal.applicant_id == request.user.pk
    deadline = services.edit_deadline(proposal)
    open_ = proposal.status in services.EDITABLE and now < deadline
    return render(
        request,
        "applications/proposals/proposal.html",
        {
            "proposal": proposal,
            "round": proposal.application.round,
            "idea": proposal.idea,
            "organization": proposal.idea.participation.organization,
            "form": form,
            "weeks": proposal.weeks.all() if form is None else None,
            "is_author": is_author,
            "deadline": deadline,
            "open": open_,
            "can_submit": is_author and open_ and proposal.status == Proposal.Status.DRAFT,
            "can_withdraw": is_author and proposal.status in services.WITHDRAWABLE,
            "can_grant_exception": roles_in(request.user, proposal.idea.participation).org_admin
            and proposal.status in services.EDITABLE,
            "sees_preference": permissions.may_see_preference(request.user),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    """Read it (author, the organization's people, program admins); its author edits it. An
    htmx POST is the autosave and gets back only the saving note."""
    if request.method == "GET":
        proposal = permissions.proposal_for_view(request.user, round_slug, pk)
        is_author = proposal.applicant_id == request.user.pk
        form = ProposalForm(proposal=proposal) if is_author else None
        return _render(request, proposal, form)
    proposal = permissions.proposal_for_edit(request.user, round_slug, pk)
    form = ProposalForm(request.POST, proposal=proposal)
    error = None
    if form.is_valid():
        try:
            services.proposal_save(proposal=proposal, by=request.user, content=form.to_content())
        except ValidationError as refused:
            error = refusal(refused)
            form.add_error(None, error)
    if request.htmx:
        return render(
            request,
            "applications/proposals/_autosave.html",
            {"form": form, "error": error, "saved_at": timezone.now()},
        )
    if form.is_valid():
        messages.success(request, "Your proposal is saved.")
        return redirect(proposal_url(proposal))
    return _render(request, proposal, form, status=400)


@login_required
@require_POST
def proposal_submit(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    proposal = permissions.proposal_for_edit(request.user, round_slug, pk)
    try:
        services.proposal_submit(proposal=proposal, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, f"“{proposal.title}” is submitted.")
    return redirect(proposal_url(proposal))


@login_required
@require_http_methods(["GET", "POST"])
def proposal_withdraw(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    """Withdrawing cannot be undone: GET asks, POST withdraws."""
    proposal = permissions.proposal_for_edit(request.user, round_slug, pk)
    if request.method == "GET":
        return confirmation_page(
            request,
            Confirmation(
                title=f"Withdraw “{proposal.title}”?",
                consequences=[
                    "The organization's mentors will no longer consider this proposal.",
                    "It no longer counts against the number of proposals you may submit.",
                    "Before the application deadline you may write a new proposal to the "
                    "same idea.",
                ],
                button="Withdraw the proposal",
                cancel_url=proposal_url(proposal),
            ),
        )
    perform(
        request,
        lambda: services.proposal_withdraw(proposal=proposal, by=request.user),
        success=f"“{proposal.title}” is withdrawn.",
    )
    return redirect(proposal_url(proposal))


@login_required
@require_http_methods(["GET", "POST"])
def proposal_order(request: HttpRequest, round_slug: str) -> HttpResponse:
    """The applicant's submitted proposals in their order of preference, with buttons to move
    one up or down (plain forms: no JavaScript needed). Only the applicant's own rows."""
    round_ = round_for_public(round_slug)
    application = get_object_or_404(
        Application.objects.select_related("round"), applicant=request.user, round=round_
    )
    if request.method == "POST":
        try:
            pk = int(request.POST.get("proposal", ""))
        except ValueError:
            messages.error(request, "Choose a proposal to move.")
        else:
            perform(
                request,
                lambda: services.proposal_move(
                    application=application,
                    by=request.user,
                    proposal_pk=pk,
                    up=request.POST.get("direction") == "up",
                ),
                success="Your order is saved.",
            )
        return redirect(_order_url(round_slug))
    rows = list(
        Proposal.objects.submitted()
        .filter(application=application)
        .select_related("idea__participation__organization")
        .order_by("preference", "submitted_at", "pk")
    )
    return render(
        request,
        "applications/proposals/order.html",
        {"round": round_, "proposals": rows},
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_exception(
    request: HttpRequest, round_slug: str, org_slug: str, pk: int
) -> HttpResponse:
    """An org admin lets this one proposal be edited after the deadline until a moment."""
    proposal = permissions.proposal_for_exception(request.user, round_slug, org_slug, pk)
    form = ExceptionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_exception_grant(
                proposal=proposal,
                by=request.user,
                until=form.cleaned_data["until"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, ValidationError(error.messages))
        else:
            messages.success(request, f"“{proposal.title}” may be edited until the date set.")
            return redirect(proposal_url(proposal))
    return render(
        request,
        "applications/proposals/exception.html",
        {"proposal": proposal, "form": form, "round": proposal.application.round},
        status=400 if form.errors else 200,
    )
