"""Pages of an organization in a round: applying, its public page, its own dashboard,
invitations and ending a role. Each view asks programs.permissions who may act, parses a
form, calls a service and renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from programs import permissions
from programs.forms.organizations import (
    AcceptInvitationForm,
    ApplicationAnswersForm,
    ApplyForm,
    InvitationForm,
    OrganizationForm,
)
from programs.models import Invitation, Membership, Participation
from programs.roles import Roles
from programs.services import applications as application_services
from programs.services import memberships as membership_services
from programs.timeline import Phase
from programs.views.outcome import perform, refusal


def _manage_url(participation: Participation) -> str:
    return reverse(
        "programs:participation_manage",
        args=[participation.round.slug, participation.organization.slug],
    )


def _public_url(participation: Participation) -> str:
    return reverse(
        "programs:participation", args=[participation.round.slug, participation.organization.slug]
    )


@login_required
def org_apply(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = permissions.round_for_applying(request.user, round_slug)
    organizations = application_services.organizations_to_reapply(request.user, round_)
    # A form posted a second after the deadline is still bound, so what was typed survives
    # and the service's refusal names the deadline.
    data = request.POST if request.method == "POST" else None
    choice = ApplyForm(data, organizations=organizations)
    organization_form = OrganizationForm(data)
    answers_form = ApplicationAnswersForm(data, instance=Participation(round=round_))

    if data is not None:
        valid = [choice.is_valid(), answers_form.is_valid()]
        existing = choice.cleaned_data.get("organization")
        if existing is None:
            valid.append(organization_form.is_valid())
        if all(valid):
            try:
                participation = application_services.participation_apply(
                    round_=round_,
                    by=request.user,
                    answers=answers_form.cleaned_data,
                    accepts_terms=choice.cleaned_data["accept_terms"],
                    organization=existing,
                    new_organization=None if existing else organization_form.cleaned_data,
                )
            except ValidationError as error:
                choice.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"Your application for {participation.organization} is saved as a draft. "
                    "Submit it from this page before the deadline.",
                )
                return redirect(_manage_url(participation))

    return render(
        request,
        "programs/org/apply.html",
        {
            "round": round_,
            "is_open": round_.phase == Phase.ORG_APPLICATIONS,
            "is_upcoming": round_.phase == Phase.UPCOMING,
            "choice_form": choice,
            "organization_form": organization_form,
            "answers_form": answers_form,
            "can_reapply": organizations.exists(),
        },
    )


def participation(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_public(request.user, round_slug, org_slug)
    people = list(
        Membership.objects.active()
        .filter(participation=participation)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )
    own = [m for m in people if m.user_id == request.user.pk]
    return render(
        request,
        "programs/org/participation.html",
        {
            "participation": participation,
            "round": participation.round,
            "organization": participation.organization,
            "org_admins": [m for m in people if m.role == Membership.Role.ORG_ADMIN],
            "mentors": [m for m in people if m.role == Membership.Role.MENTOR],
            "own_memberships": own,
            # The viewer's roles are among the rows just read: no query of their own.
            "can_manage": permissions.may_manage(
                Roles(
                    program_admin=permissions.is_program_admin(request.user),
                    held=frozenset(m.role for m in own),
                )
            ),
        },
    )


def _dashboard(
    request: HttpRequest,
    participation: Participation,
    *,
    answers_form: ApplicationAnswersForm | None = None,
    invite_form: InvitationForm | None = None,
) -> HttpResponse:
    round_ = participation.round
    members = list(
        participation.memberships.select_related("user", "invited_by").order_by(
            "status", "-role", "created_at"
        )
    )
    invitations = list(
        membership_services.open_invitations(participation)
        .select_related("invited_by")
        .order_by("created_at")
    )
    active_admins = sum(
        1
        for m in members
        if m.status == Membership.Status.ACTIVE and m.role == Membership.Role.ORG_ADMIN
    )
    editable = (
        participation.status in application_services.EDITABLE_STATUSES
        and timezone.now() < round_.org_applications_close
    )
    return render(
        request,
        "programs/org/manage.html",
        {
            "participation": participation,
            "round": round_,
            "organization": participation.organization,
            "answers_form": answers_form or ApplicationAnswersForm(instance=participation),
            "invite_form": invite_form or InvitationForm(),
            # Answers refused at the deadline come back in the form, so nothing typed is lost.
            "show_answers_form": editable or answers_form is not None,
            "can_submit": editable and participation.status == Participation.Status.DRAFT,
            "can_withdraw": participation.status in application_services.EDITABLE_STATUSES,
            "members": members,
            "invitations": invitations,
            "too_few_admins": active_admins < Participation.MIN_ORG_ADMINS,
            "min_org_admins": Participation.MIN_ORG_ADMINS,
            "can_invite": participation.status not in membership_services.CLOSED_STATUSES,
        },
    )


@login_required
def participation_manage(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_org_admin(request.user, round_slug, org_slug)
    if request.method != "POST":
        return _dashboard(request, participation)

    form = ApplicationAnswersForm(request.POST, instance=participation)
    if form.is_valid():
        try:
            application_services.participation_update_answers(
                participation=participation, by=request.user, answers=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The application's answers are saved.")
            return redirect(_manage_url(participation))
    return _dashboard(request, participation, answers_form=form)


# The org admins' buttons on their application: each URL names its step.
APPLICATION_STEPS = {
    "submit": (
        application_services.participation_submit,
        "The application is submitted to the program admins.",
    ),
    "withdraw": (application_services.participation_withdraw, "The application is withdrawn."),
}


@login_required
@require_POST
def participation_step(
    request: HttpRequest, round_slug: str, org_slug: str, step: str
) -> HttpResponse:
    participation = permissions.participation_for_org_admin(request.user, round_slug, org_slug)
    service, success = APPLICATION_STEPS[step]
    perform(request, lambda: service(participation=participation, by=request.user), success=success)
    return redirect(_manage_url(participation))


@login_required
@require_POST
def invitation_create(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_org_admin(request.user, round_slug, org_slug)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            membership_services.invitation_create(
                participation=participation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"An invitation is on its way to {form.cleaned_data['email']}."
            )
            return redirect(_manage_url(participation))
    return _dashboard(request, participation, invite_form=form)


@login_required
@require_POST
def invitation_revoke(
    request: HttpRequest, round_slug: str, org_slug: str, pk: int
) -> HttpResponse:
    participation = permissions.participation_for_org_admin(request.user, round_slug, org_slug)
    invitation = permissions.invitation_of(participation, pk)
    perform(
        request,
        lambda: membership_services.invitation_revoke(invitation=invitation, by=request.user),
        success=f"The invitation to {invitation.email} is revoked.",
    )
    return redirect(_manage_url(participation))


def _gone(request: HttpRequest, invitation: Invitation, reason: str) -> HttpResponse:
    return render(
        request,
        "programs/org/invitation_gone.html",
        {"invitation": invitation, "participation": invitation.participation, "reason": reason},
        status=410,
    )


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = permissions.invitation_for_token(request.user, token)
    participation = invitation.participation
    if participation.status in membership_services.CLOSED_STATUSES:
        return _gone(request, invitation, "closed")
    reason = membership_services.unavailable_reason(invitation)
    if reason:
        return _gone(request, invitation, reason)

    form = AcceptInvitationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            membership = membership_services.invitation_accept(
                invitation=invitation,
                user=request.user,
                accepts_terms=form.cleaned_data["accept_terms"],
            )
        except membership_services.InvitationUnavailable as error:
            return _gone(request, invitation, error.reason)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Welcome: you are now {membership.get_role_display().lower()} "
                f"of {participation.organization} in {participation.round}.",
            )
            if membership.role == Membership.Role.ORG_ADMIN:
                return redirect(_manage_url(participation))
            return redirect(_public_url(participation))
    return render(
        request,
        "programs/org/invitation_accept.html",
        {"invitation": invitation, "participation": participation, "form": form},
    )


@login_required
@require_POST
def membership_end(request: HttpRequest, round_slug: str, org_slug: str, pk: int) -> HttpResponse:
    membership = permissions.membership_for_ending(request.user, round_slug, org_slug, pk)
    participation = membership.participation
    leaving = membership.user_id == request.user.pk
    try:
        membership_services.membership_end(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal(error))
        # Only an org admin role can be refused (the last one), and only its admins end it.
        if leaving and membership.role == Membership.Role.MENTOR:
            return redirect(_public_url(participation))
        return redirect(_manage_url(participation))
    if not leaving:
        messages.success(
            request, f"{membership.user} no longer works with {participation.organization}."
        )
        return redirect(_manage_url(participation))
    messages.success(request, f"You left {participation.organization} in {participation.round}.")
    if participation.status == Participation.Status.ACCEPTED:
        return redirect(_public_url(participation))
    return redirect("programs:home")
