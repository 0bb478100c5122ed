"""A completed intern's certificate: the printable page, its public verification, and a
program admin's revocation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control

from evaluations import permissions
from evaluations.forms.certificates import RevokeForm
from evaluations.services import certificates
from evaluations.services.alumni import project_of
from notifications.links import site_url
from programs.roles import roles_in


@login_required
def certificate(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    found = permissions.certificate_for_view(request.user, round_slug, pk)
    return render(
        request,
        "evaluations/certificates/certificate.html",
        {
            "certificate": found,
            "internship": found.internship,
            "round": found.internship.participation.round,
            "project": project_of(found.internship),
            # The site's own address, not the request's host: it is printed, and read later.
            "verify_url": site_url("evaluations:certificate_verify", found.code),
            "may_revoke": permissions.may_revoke_certificate(
                roles_in(request.user, found.internship.participation)
            ),
        },
    )


@login_required
def certificate_revoke(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    found = permissions.certificate_for_revoke(request.user, round_slug, pk)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            certificates.revoke(found, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The certificate is revoked; its public page says so.")
            return redirect("evaluations:certificate", round_slug, pk)
    return render(
        request,
        "evaluations/certificates/revoke.html",
        {
            "certificate": found,
            "internship": found.internship,
            "round": found.internship.participation.round,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    # Public: whoever holds the code sees the name, program, round, organization and
    # project, and nothing else (the template is given nothing else to show).
    found = permissions.certificate_for_verify(code)
    if found.is_revoked:
        # Once revoked, the page says so and shows none of what the certificate claimed.
        return _verification(request, {"revoked": True})
    internship = found.internship
    participation = internship.participation
    shown = {
        "name": found.name,
        "program": participation.round.program.name,
        "round": participation.round.name,
        "organization": participation.organization.name,
        "project": project_of(internship),
    }
    return _verification(request, {"shown": shown})


def _verification(request: HttpRequest, context: dict) -> HttpResponse:
    response = render(request, "evaluations/certificates/verify.html", context)
    if not request.user.is_authenticated:
        # Caches on the way ask again each time: a revocation shows at once, not when a
        # kept copy expires. (A signed-in viewer's page is private, no-store: the
        # middleware.)
        patch_cache_control(response, no_cache=True)
    return response
