"""Pages of an organization in a round: its participation (the organization application),
its public page, its own dashboard, invitations and ending a role. Each view asks
programs.permissions who may act, parses a form, calls a service and renders."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from programs import permissions
from programs.forms.organizations import (
    AcceptInvitationForm,
    InvitationForm,
    OrganizationForm,
    ParticipationAnswersForm,
    ParticipationStartForm,
)
from programs.models import Invitation, Membership, MentorRequest, Participation
from programs.roles import Roles
from programs.services import memberships as membership_services
from programs.services import participations as participation_services
from programs.timeline import Phase
from programs.views.confirmation import Confirmation, confirmation_page
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
def participation_new(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = permissions.round_for_new_participation(request.user, round_slug)
    organizations = participation_services.organizations_to_reapply(request.user, round_)
    # A form posted a second after the deadline is still bound, so what was typed survives
    # and the service's refusal names the deadline.
    data = request.POST if request.method == "POST" else None
    can_reapply = organizations.exists()
    choice = ParticipationStartForm(data, organizations=organizations)
    # With a choice of organizations the new one's fields are needed only when none is
    # chosen: the browser must not demand them (it cannot know), the server decides below.
    organization_form = OrganizationForm(data, use_required_attribute=not can_reapply)
    answers_form = ParticipationAnswersForm(data, instance=Participation(round=round_))

    if data is not None:
        valid = [choice.is_valid(), answers_form.is_valid()]
        existing = choice.cleaned_data.get("organization")
        if existing is None:
            valid.append(organization_form.is_valid())
            if can_reapply and not organization_form.is_valid():
                choice.add_error(
                    None,
                    "Choose one of your organizations, or give the new organization's name "
                    "and address below.",
                )
        if all(valid):
            try:
                participation = participation_services.participation_apply(
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
                    f"Your organization application for {participation.organization} is saved "
                    "as a draft. Submit it from this page before the deadline.",
                )
                return redirect(_manage_url(participation))

    return render(
        request,
        "programs/org/participation_new.html",
        {
            "round": round_,
            "is_open": round_.phase == Phase.ORG_APPLICATIONS,
            "is_upcoming": round_.phase == Phase.UPCOMING,
            "choice_form": choice,
            "organization_form": organization_form,
            "answers_form": answers_form,
            "can_reapply": can_reapply,
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
    is_mentor = any(m.role == Membership.Role.MENTOR for m in own)
    # The viewer's own request to mentor, if one is in play: its page says what is next.
    own_request = (
        MentorRequest.objects.pending()
        .filter(participation=participation, user=request.user)
        .first()
        if request.user.is_authenticated and not is_mentor
        else None
    )
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
            "own_mentor_request": own_request,
            "can_ask_to_mentor": not is_mentor
            and own_request is None
            and participation.status not in membership_services.CLOSED_STATUSES,
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
    answers_form: ParticipationAnswersForm | None = None,
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
        participation.status in participation_services.EDITABLE_STATUSES
        and timezone.now() < round_.org_applications_close
    )
    return render(
        request,
        "programs/org/manage.html",
        {
            "participation": participation,
            "round": round_,
            "organization": participation.organization,
            "answers_form": answers_form or ParticipationAnswersForm(instance=participation),
            "invite_form": invite_form or InvitationForm(),
            # Answers refused at the deadline come back in the form, so nothing typed is lost.
            "show_answers_form": editable or answers_form is not None,
            "can_submit": editable and participation.status == Participation.Status.DRAFT,
            "can_withdraw": participation.status in participation_services.EDITABLE_STATUSES,
            "members": members,
            "invitations": invitations,
            "too_few_admins": active_admins < Participation.MIN_ORG_ADMINS,
            "min_org_admins": Participation.MIN_ORG_ADMINS,
            "can_invite": participation.status not in membership_services.CLOSED_STATUSES,
            "open_mentor_requests": participation.mentor_requests.filter(
                status=MentorRequest.Status.OPEN
            ).count(),
        },
    )


@login_required
def participation_manage(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_org_admin(request.user, round_slug, org_slug)
    if request.method != "POST":
        return _dashboard(request, participation)

    form = ParticipationAnswersForm(request.POST, instance=participation)
    if form.is_valid():
        try:
            participation_services.participation_update_answers(
                participation=participation, by=request.user, answers=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The organization application's answers are saved.")
            return redirect(_manage_url(participation))
    return _dashboard(request, participation, answers_form=form)


# The org admins' buttons on their participation: each URL names its step.
PARTICIPATION_STEPS = {
    "submit": (
        participation_services.participation_submit,
        "The organization application is submitted to the program admins.",
    ),
    "withdraw": (
        participation_services.participation_withdraw,
        "The organization application is withdrawn.",
    ),
}


@login_required
@require_POST
def participation_step(
    request: HttpRequest, round_slug: str, org_slug: str, step: str
) -> HttpResponse:
    participation = permissions.participation_for_org_admin(request.user, round_slug, org_slug)
    return _do_step(request, participation, step)


@login_required
@require_http_methods(["GET", "POST"])
def participation_withdraw(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    """Withdrawing cannot be undone: GET asks, POST withdraws."""
    participation = permissions.participation_for_org_admin(request.user, round_slug, org_slug)
    if request.method == "POST":
        return _do_step(request, participation, "withdraw")
    organization, round_ = participation.organization, participation.round
    return confirmation_page(
        request,
        Confirmation(
            title=f"Withdraw {organization}'s application to {round_}?",
            consequences=[
                f"{organization} no longer applies to take part in {round_}; "
                "the program admins will not review the organization application.",
                "The organization application can no longer be edited or submitted again.",
            ],
            button="Withdraw the organization application",
            cancel_url=_manage_url(participation),
        ),
    )


def _do_step(request: HttpRequest, participation: Participation, step: str) -> HttpResponse:
    service, success = PARTICIPATION_STEPS[step]
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
@require_http_methods(["GET", "POST"])
def invitation_revoke(
    request: HttpRequest, round_slug: str, org_slug: str, pk: int
) -> HttpResponse:
    """GET asks, POST revokes."""
    participation = permissions.participation_for_org_admin(request.user, round_slug, org_slug)
    invitation = permissions.invitation_of(participation, pk)
    if request.method == "GET":
        return confirmation_page(
            request,
            Confirmation(
                title=f"Revoke the invitation to {invitation.email}?",
                consequences=[
                    f"The link sent to {invitation.email} stops working at once; whoever "
                    "opens it is told the invitation was revoked.",
                    f"To invite {invitation.email} again, send a new invitation.",
                ],
                button="Revoke the invitation",
                cancel_url=_manage_url(participation),
            ),
        )
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


def _entrance(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Someone without a session opened a working link: a person new to the site signs up
    with the invited address filled in, anyone else logs in; both come back here (allauth
    keeps `next` through sign-up and the email confirmation)."""
    back = urlencode({"next": request.get_full_path()})
    if membership_services.invitee_has_account(invitation):
        return redirect(f"{reverse('account_login')}?{back}")
    return redirect(f"{reverse('account_signup')}?{urlencode({'email': invitation.email})}&{back}")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = permissions.invitation_for_token(request.user, token)
    participation = invitation.participation
    if participation.status in membership_services.CLOSED_STATUSES:
        return _gone(request, invitation, "closed")
    reason = membership_services.unavailable_reason(invitation)
    if reason:
        return _gone(request, invitation, reason)
    if not request.user.is_authenticated:
        return _entrance(request, invitation)

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


def _membership_end_confirmation(membership: Membership, *, leaving: bool) -> Confirmation:
    participation = membership.participation
    where = f"{participation.organization} in {participation.round}"
    role = membership.get_role_display().lower()
    if leaving:
        return Confirmation(
            title=f"Stop being {role} of {where}?",
            consequences=[
                f"You stop being {role} of {where} at once.",
                "You lose access to the organization's own pages and its unpublished ideas; "
                "the ideas you co-mentor stay, with your name, until their authors change them.",
                "To come back you need a new invitation from the organization's admins.",
            ],
            button=f"Stop being {role}",
            cancel_url=_public_url(participation),
        )
    person = membership.user
    return Confirmation(
        title=f"Remove {person} as {role} of {where}?",
        consequences=[
            f"{person} stops being {role} of {where} at once.",
            f"{person} loses access to the organization's own pages and its unpublished ideas; "
            "the ideas they co-mentor stay, with their name, until their authors change them.",
            f"To bring {person} back, send them a new invitation.",
        ],
        button=f"Remove {person}",
        cancel_url=_manage_url(participation),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, round_slug: str, org_slug: str, pk: int) -> HttpResponse:
    """Leaving or removing someone cannot be undone: GET asks, POST ends the role."""
    membership = permissions.membership_for_ending(request.user, round_slug, org_slug, pk)
    participation = membership.participation
    leaving = membership.user_id == request.user.pk
    if request.method == "GET":
        return confirmation_page(request, _membership_end_confirmation(membership, leaving=leaving))
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
