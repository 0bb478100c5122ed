"""Mentors write ideas: the form with its live wiki preview, submitting, withdrawing, and the
list of one's own ideas with their history. Each view asks projects.permissions who may act,
parses a form, calls a service in projects.services.ideas and renders."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from programs.models import Participation
from programs.roles import roles_in
from programs.views.confirmation import Confirmation, confirmation_page
from programs.views.outcome import perform
from projects import permissions
from projects.forms.idea import IdeaForm
from projects.models import SUGGESTED_HOURS, IdeaEvent, IdeaMentor, ProjectIdea
from projects.services import ideas as services
from projects.wiki.render import render_idea

Status = ProjectIdea.Status

# Why an idea that cannot be edited cannot, in the words the page shows.
CLOSED_REASONS = {
    Status.REJECTED: "This idea was rejected, so it can no longer be edited. Write a new idea "
    "if the organization's admins suggested a different one.",
    Status.WITHDRAWN: "This idea was withdrawn, so it can no longer be edited.",
    Status.PROPOSED: "An applicant proposed this idea; a mentor adopts it from its page first.",
}


def _edit_url(idea: ProjectIdea) -> str:
    p = idea.participation
    return reverse("projects:idea_edit", args=[p.round.slug, p.organization.slug, idea.slug])


def _mine_url(participation: Participation) -> str:
    return reverse(
        "projects:my_ideas", args=[participation.round.slug, participation.organization.slug]
    )


def _refuse(form: IdeaForm, error: ValidationError) -> None:
    """A service's refusal shown above the form; what was typed stays in it."""
    if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
        form.add_error(None, error)  # each message beside its field
    else:
        form.add_error(None, ValidationError(error.messages))


def _history(idea: ProjectIdea) -> list[IdeaEvent]:
    return list(idea.events.select_related("actor"))


def _render_form(
    request: HttpRequest, form: IdeaForm, participation: Participation, idea: ProjectIdea | None
) -> HttpResponse:
    round_, organization = participation.round, participation.organization
    slugs = [round_.slug, organization.slug] + ([idea.slug] if idea else [])
    return render(
        request,
        "projects/edit/form.html",
        {
            "form": form,
            "idea": idea,
            "participation": participation,
            "round": round_,
            "organization": organization,
            "preview": render_idea(form.to_data()),
            "preview_url": reverse("projects:idea_preview", args=slugs),
            "suggested_hours": SUGGESTED_HOURS,
            "history": _history(idea) if idea else [],
            "can_submit": idea is not None and idea.status in services.SUBMITTABLE,
            "can_withdraw": idea is not None and idea.status in services.WITHDRAWABLE,
        },
    )


@login_required
def idea_create(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_authoring(request.user, round_slug, org_slug)
    data = request.POST if request.method == "POST" else None
    form = IdeaForm(data, participation=participation, author=request.user)
    if data is not None and form.is_valid():
        try:
            idea = services.idea_create(
                participation=participation, by=request.user, content=form.to_content()
            )
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(
                request,
                f"“{idea.title}” is saved as a draft, visible to its mentors and the "
                "organization's admins. Submit it for review when it is ready.",
            )
            return redirect(_edit_url(idea))
    return _render_form(request, form, participation, None)


@login_required
def idea_edit(request: HttpRequest, round_slug: str, org_slug: str, idea_slug: str) -> HttpResponse:
    idea = permissions.idea_for_edit(request.user, round_slug, org_slug, idea_slug)
    participation = idea.participation
    if idea.status not in services.EDITABLE:
        return render(
            request,
            "projects/edit/closed.html",
            {
                "idea": idea,
                "round": participation.round,
                "organization": participation.organization,
                "reason": CLOSED_REASONS.get(idea.status, ""),
                "history": _history(idea),
            },
        )
    data = request.POST if request.method == "POST" else None
    form = IdeaForm(data, participation=participation, author=request.user, idea=idea)
    if data is not None and form.is_valid():
        was = idea.status
        try:
            idea = services.idea_update(idea=idea, by=request.user, content=form.to_content())
        except ValidationError as error:
            _refuse(form, error)
        else:
            if was == Status.APPROVED and idea.status == Status.SUBMITTED:
                messages.warning(
                    request,
                    "The changes are saved. The idea was approved, so it now waits for the "
                    "organization's admins to approve it again.",
                )
            else:
                messages.success(request, "The changes are saved.")
            return redirect(_edit_url(idea))
    return _render_form(request, form, participation, idea)


@login_required
@require_POST
def idea_preview(
    request: HttpRequest, round_slug: str, org_slug: str, idea_slug: str | None = None
) -> HttpResponse:
    """The wiki block of whatever is typed, for the form's live preview (an htmx fragment).
    Nothing typed is refused here: the preview shows what the wiki would show."""
    if idea_slug is None:
        idea = None
        participation = permissions.participation_for_authoring(request.user, round_slug, org_slug)
    else:
        idea = permissions.idea_for_edit(request.user, round_slug, org_slug, idea_slug)
        participation = idea.participation
    form = IdeaForm(request.POST, participation=participation, author=request.user, idea=idea)
    data = form.to_data()
    if not data.title.strip():  # before the first keystroke: a heading, not an empty nowiki
        data = replace(data, title="Title of the idea")
    return render(request, "projects/edit/_preview.html", {"preview": render_idea(data)})


@login_required
@require_POST
def idea_submit(
    request: HttpRequest, round_slug: str, org_slug: str, idea_slug: str
) -> HttpResponse:
    idea = permissions.idea_for_edit(request.user, round_slug, org_slug, idea_slug)
    perform(
        request,
        lambda: services.idea_submit(idea=idea, by=request.user),
        success=f"“{idea.title}” is submitted; the organization's admins will review it.",
    )
    return redirect(_edit_url(idea))


def _withdraw_confirmation(idea: ProjectIdea) -> Confirmation:
    if idea.status == Status.APPROVED:
        audience = "It leaves the round's public list of ideas; applicants no longer see it."
    elif idea.status == Status.SUBMITTED:
        audience = "The organization's admins no longer review it."
    else:
        audience = "Its co-mentors can no longer work on it."
    return Confirmation(
        title=f"Withdraw “{idea.title}”?",
        consequences=[
            "A withdrawn idea can no longer be edited or submitted: this cannot be undone.",
            audience,
            "Its history stays, with the note below.",
        ],
        button="Withdraw the idea",
        cancel_url=_edit_url(idea),
        comment_label="Why withdraw it (optional)",
        comment_help="The co-mentors and the organization's admins read it in the history.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_withdraw(
    request: HttpRequest, round_slug: str, org_slug: str, idea_slug: str
) -> HttpResponse:
    """Withdrawing cannot be undone: GET asks (with room for a note), POST withdraws."""
    idea = permissions.idea_for_edit(request.user, round_slug, org_slug, idea_slug)
    if request.method == "GET":
        return confirmation_page(request, _withdraw_confirmation(idea))
    perform(
        request,
        lambda: services.idea_withdraw(
            idea=idea, by=request.user, comment=request.POST.get("comment", "")
        ),
        success=f"“{idea.title}” is withdrawn.",
    )
    return redirect(_mine_url(idea.participation))


@login_required
def my_ideas(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    """The ideas the person mentors or wrote here: state, approvals so far, history."""
    participation = permissions.participation_for_authoring(request.user, round_slug, org_slug)
    mentored = IdeaMentor.objects.filter(user=request.user).values("idea_id")
    ideas = (
        ProjectIdea.objects.filter(participation=participation)
        .filter(Q(pk__in=mentored) | Q(created_by=request.user))
        .with_approvals()
        .prefetch_related(
            Prefetch("mentors", queryset=IdeaMentor.objects.select_related("user")),
            Prefetch("events", queryset=IdeaEvent.objects.select_related("actor")),
        )
        .order_by("title", "pk")
    )
    return render(
        request,
        "projects/edit/mine.html",
        {
            "participation": participation,
            "round": participation.round,
            "organization": participation.organization,
            "ideas": ideas,
            "is_org_admin": roles_in(request.user, participation).org_admin,
        },
    )
