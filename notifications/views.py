"""Pages of notifications: the status page for program admins, choosing which optional
messages to receive, and the one-click opt-out link of an email."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from notifications import services
from notifications.forms import PreferencesForm
from notifications.heartbeats import stale_after
from notifications.permissions import (
    message_for_program_admin,
    opt_out_for_token,
    require_program_admin,
)
from notifications.registry import preferences_sections
from notifications.status import outbox_status


@login_required
def status(request: HttpRequest) -> HttpResponse:
    require_program_admin(request.user)
    return render(
        request,
        "notifications/status.html",
        {
            "outbox": outbox_status(timezone.now()),
            "stale_minutes": int(stale_after().total_seconds() // 60),
        },
    )


@require_POST
@login_required
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = message_for_program_admin(request.user, pk)
    try:
        services.message_retry(message=message, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{message.subject}” is queued to be sent again.")
    return redirect("notifications:status")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """The viewer's own choices; no URL names anyone else's, so there is nothing to guard."""
    form = PreferencesForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=request.user, enabled=form.enabled())
        messages.success(request, "Your email choices are saved.")
        return redirect("notifications:preferences")
    # Other apps' parts of the page (the rounds one follows), found through the registry.
    sections = [section(request) for section in preferences_sections()]
    return render(request, "notifications/preferences.html", {"form": form, "sections": sections})


# Mail clients' own unsubscribe button (RFC 8058) POSTs here without a CSRF token; the signed
# token in the address is the permission, and all it can do is turn off one optional kind.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks, POST turns the kind off. A GET never changes anything, because mail
    scanners and link previews open links in emails without anyone clicking them."""
    user, kind = opt_out_for_token(token)
    if request.method == "POST":
        services.preference_set(user=user, kind=kind.name, enabled=False)
        return render(request, "notifications/opt_out_done.html", {"kind": kind, "person": user})
    return render(request, "notifications/opt_out.html", {"kind": kind, "person": user})
