"""A round's payments for program admins: the lists by state (waiting, held, approved, exported),
approving (one or many), holding with the reason and releasing; the round's exports, making
one, and one export's CSV. Access is evaluations.permissions'; the rules are
evaluations.services.payments'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from evaluations import permissions
from evaluations.forms.payments import ApproveForm, HoldForm, ReleaseForm, Where
from evaluations.services import payment_csv, payment_pages
from evaluations.services import payments as services
from programs.models import Round
from programs.views.outcome import refusal


def _back(round_: Round, form: Where) -> str:
    """The list and page the button was pressed on (whatever else the form got wrong)."""
    where = Where(form.data)
    data = where.cleaned_data if where.is_valid() else {}
    state = payment_pages.state_of(data.get("state"))
    url = reverse("evaluations:payments", args=[round_.slug]) + f"?state={state.slug}"
    page = data.get("page")
    return f"{url}&page={page}" if page and page > 1 else url


def _plural(count: int, what: str = "payment") -> str:
    return f"{count} {what}{'' if count == 1 else 's'}"


@login_required
@require_http_methods(["GET", "POST"])
def payments(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = permissions.round_for_payments(request.user, round_slug)
    hold_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "approve":
            return _approve(request, round_)
        if action == "release":
            return _release(request, round_)
        if action != "hold":
            messages.error(request, "Choose approve, hold or release.")
            return redirect(_back(round_, Where(request.POST)))
        hold_form = HoldForm(request.POST)
        if _hold(request, round_, hold_form):
            return redirect(_back(round_, hold_form))
    # A refused hold shows the list it was pressed on, with what was typed.
    source = request.POST if hold_form is not None else request.GET
    state = payment_pages.state_of(source.get("state"))
    page = Paginator(
        payment_pages.payments_in(round_, state), payment_pages.ROWS_PER_PAGE
    ).get_page(source.get("page"))
    counts = payment_pages.counts(round_)
    context = {
        "round": round_,
        "state": state,
        "states": [
            (s, counts[s.slug])
            for s in payment_pages.STATES
            if counts[s.slug] or s.slug != "cancelled"
        ],
        "page": page,
        "hold_form": hold_form,
        "reason_max": services.REASON_MAX,
    }
    return render(
        request,
        "evaluations/payments/round.html",
        context,
        status=400 if hold_form is not None and hold_form.errors else 200,
    )


def _hold(request: HttpRequest, round_: Round, form: HoldForm) -> bool:
    """Whether the payment is held; if not, the form carries why (and what was typed)."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        services.hold(
            round_=round_, payment_id=data["payment"], by=request.user, reason=data["reason"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, "The payment is held; the intern is told why.")
    return True


def _approve(request: HttpRequest, round_: Round) -> HttpResponse:
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, " ".join(form.errors.get("payment", ["Tick the payments to approve."]))
        )
        return redirect(_back(round_, form))
    try:
        done = services.approve(
            round_=round_, payment_ids=form.cleaned_data["payment"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        text = f"{_plural(len(done.approved))} approved."
        if done.skipped:
            text += (
                f" {_plural(len(done.skipped))} no longer waited for approval: left as they are."
            )
        messages.success(request, text)
    return redirect(_back(round_, form))


def _release(request: HttpRequest, round_: Round) -> HttpResponse:
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a held payment to release.")
        return redirect(_back(round_, form))
    try:
        services.release(round_=round_, payment_id=form.cleaned_data["payment"], by=request.user)
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, "The payment is released: it waits for approval again.")
    return redirect(_back(round_, form))


@login_required
@require_http_methods(["GET", "POST"])
def payment_exports(request: HttpRequest, round_slug: str) -> HttpResponse:
    """The round's exports, the newest first; a POST makes one of every approved payment not
    yet exported."""
    round_ = permissions.round_for_payments(request.user, round_slug)
    here = reverse("evaluations:payment_exports", args=[round_.slug])
    if request.method == "POST":
        try:
            made = services.export(round_=round_, by=request.user)
        except ValidationError as error:
            messages.error(request, refusal(error))
        else:
            messages.success(
                request, f"Export {made.pk} holds {_plural(made.count)}: download its CSV below."
            )
        return redirect(here)
    page = Paginator(payment_pages.exports_of(round_), payment_pages.EXPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "round": round_,
        "page": page,
        "to_export": payment_pages.counts(round_)["approved"],
    }
    return render(request, "evaluations/payments/exports.html", context)


@login_required
@require_GET
def payment_export(request: HttpRequest, round_slug: str, pk: int) -> StreamingHttpResponse:
    """One export's CSV, streamed; the moments in the downloader's zone (taken now: the
    stream is read after the view has returned)."""
    found = permissions.export_for_download(request.user, round_slug, pk)
    response = StreamingHttpResponse(
        payment_csv.lines(found, timezone.get_current_timezone()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{payment_csv.filename(found)}"'
    return response
