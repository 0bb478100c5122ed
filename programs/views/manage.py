"""The program admin's pages: every round at a glance, opening and editing a round, and the
decisions on organizations (accept, reject, grant slots).

Rounds are public, so a signed-in person without the role gets 403 here, not 404.
"""

import copy
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_http_methods, require_POST

from programs.forms.manage import (
    RoundEditForm,
    RoundOpenForm,
    RuleSetForm,
    SlotsGrantForm,
    initial_a_year_after,
    stipend_split_formset,
)
from programs.models import Participation, Round
from programs.overview import (
    latest_round_of_each_program,
    participation_counts,
    participations_with_people,
    programs_with_rounds,
)
from programs.permissions import (
    participation_for_program_admin,
    require_program_admin,
    round_for_program_admin,
)
from programs.services import decisions
from programs.services import rounds as round_services
from programs.urlformat import slug_url
from programs.views.confirmation import Confirmation, confirmation_page
from programs.views.outcome import perform

# The round page lists this many participations at a time; a status or a name finds others.
PARTICIPATIONS_PER_PAGE = 25
MAX_PARTICIPATION_SEARCH = 120
# What the round page's list was showing, carried through a decision so the admin returns
# to the same page of the same list.
LIST_PARAMETERS = ("status", "q", "page")
# A refused number of slots is repeated in the message, cut to this length.
ECHOED_CHARACTERS = 12


def _add_service_errors(error: ValidationError, *forms: Form) -> None:
    """Put a service's errors on the form that has the field, the rest on the first form."""
    if not hasattr(error, "error_dict"):
        forms[0].add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = next((form for form in forms if field in form.fields), None)
        if target is None:
            forms[0].add_error(None, errors)
        else:
            target.add_error(field, errors)


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    require_program_admin(request.user)
    return render(
        request,
        "programs/manage/overview.html",
        {"programs": programs_with_rounds(), "statuses": Participation.Status.choices},
    )


@login_required
def round_open(request: HttpRequest) -> HttpResponse:
    require_program_admin(request.user)
    # "?after=<round>" starts from that round's dates a year later (the links on the page).
    previous = (
        Round.objects.filter(slug=request.GET.get("after", "")).first()
        if request.method != "POST"
        else None
    )
    form = RoundOpenForm(
        request.POST if request.method == "POST" else None,
        initial=initial_a_year_after(previous) if previous else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            round_ = round_services.round_open(by=request.user, **form.service_kwargs())
        except ValidationError as error:
            _add_service_errors(error, form)
        else:
            messages.success(request, f"{round_.name} is open. Check its rules below.")
            return redirect("programs:round_edit", round_slug=round_.slug)
    return render(
        request,
        "programs/manage/round_open.html",
        {"form": form, "previous": previous, "latest_rounds": latest_round_of_each_program()},
    )


@login_required
def round_edit(request: HttpRequest, round_slug: str) -> HttpResponse:
    round_ = round_for_program_admin(request.user, round_slug)
    data = request.POST if request.method == "POST" else None
    # The forms work on copies: a rejected edit must not show its typed name in the heading.
    form = RoundEditForm(data, instance=copy.copy(round_))
    rules_form = RuleSetForm(data, instance=copy.copy(round_.rules), prefix="rules")
    split_formset = stipend_split_formset(data, split=round_.rules.stipend_split)
    if data is not None and all([form.is_valid(), rules_form.is_valid(), split_formset.is_valid()]):
        try:
            round_services.round_update(
                round_=round_,
                by=request.user,
                rules={**rules_form.service_kwargs(), "stipend_split": split_formset.parts()},
                **form.service_kwargs(),
            )
        except ValidationError as error:
            _add_service_errors(error, form, rules_form)
        else:
            messages.success(request, f"{form.cleaned_data['name']} is saved.")
            return redirect("programs:round_edit", round_slug=round_.slug)

    return render(
        request,
        "programs/manage/round_edit.html",
        {
            "round": round_,
            "form": form,
            "rules_form": rules_form,
            "split_formset": split_formset,
            **_participations_list(request, round_),
        },
    )


def _participations_list(request: HttpRequest, round_: Round) -> dict:
    """One page of the round's participations (in a status, or found by name), with the
    counts per status: the same queries whatever the size of the round."""
    status = request.GET.get("status", "")
    if status not in Participation.Status.values:
        status = ""
    search = request.GET.get("q", "").strip()[:MAX_PARTICIPATION_SEARCH]
    participations = participations_with_people(round_, status=status, search=search)
    page = Paginator(participations, PARTICIPATIONS_PER_PAGE).get_page(request.GET.get("page"))
    # Each row posts to its own addresses: reverse each once, fill in each organization.
    urls = {
        action: slug_url(
            f"programs:{name}", fixed={"round_slug": round_.slug}, varying=("org_slug",)
        )
        for action, name in (
            ("accept_url", "participation_accept"),
            ("reject_url", "participation_reject"),
            ("slots_url", "slots_grant"),
        )
    }
    for participation in page:
        for action, url in urls.items():
            setattr(participation, action, url(org_slug=participation.organization.slug))
    counts = participation_counts(round_)
    shown = {"status": status, "q": search, "page": page.number if page.number > 1 else ""}
    return {
        "participations": page,
        # The list being shown, carried through the confirmation page back to the same rows.
        "list_query": urlencode({key: value for key, value in shown.items() if value}),
        "counts": counts,
        "status_filter": status,
        "search": search,
        "slots_granted": counts["slots_granted"],
        "min_org_admins": Participation.MIN_ORG_ADMINS,
        "statuses": [
            (value, label, counts[value]) for value, label in Participation.Status.choices
        ],
    }


def _round_row_url(request: HttpRequest, round_slug: str, org_slug: str) -> str:
    """The row that was acted on, on the page of the list it was shown in (sent with the form
    by the round page's buttons, in the address by the confirmation page)."""
    shown = {
        key: request.POST.get(key) or request.GET[key]
        for key in LIST_PARAMETERS
        if request.POST.get(key) or request.GET.get(key)
    }
    query = f"?{urlencode(shown)}" if shown else ""
    return f"{reverse('programs:round_edit', args=[round_slug])}{query}#org-{org_slug}"


def _back_to_round(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    return redirect(_round_row_url(request, round_slug, org_slug))


@require_POST
@login_required
def participation_accept(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = participation_for_program_admin(request.user, round_slug, org_slug)
    perform(
        request,
        lambda: decisions.participation_accept(participation=participation, by=request.user),
        success=f"{participation.organization.name} is accepted.",
    )
    return _back_to_round(request, round_slug, org_slug)


@require_http_methods(["GET", "POST"])
@login_required
def participation_reject(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    """Rejecting cannot be undone: GET asks (the round page's button is a link here, with the
    list it was shown in), POST rejects."""
    participation = participation_for_program_admin(request.user, round_slug, org_slug)
    organization, round_ = participation.organization, participation.round
    if request.method == "GET":
        return confirmation_page(
            request,
            Confirmation(
                title=f"Reject {organization}'s application to {round_}?",
                consequences=[
                    f"{organization} does not take part in {round_}; its org admins are told "
                    "by email.",
                    "The decision is final: the organization can no longer be accepted or "
                    "granted slots in this round.",
                ],
                button=f"Reject {organization}",
                cancel_url=_round_row_url(request, round_slug, org_slug),
            ),
        )
    perform(
        request,
        lambda: decisions.participation_reject(participation=participation, by=request.user),
        success=f"{organization.name} is rejected.",
    )
    return _back_to_round(request, round_slug, org_slug)


@require_POST
@login_required
def slots_grant(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = participation_for_program_admin(request.user, round_slug, org_slug)
    org = participation.organization.name
    # The round page sends every row's field in its one form, each named after its
    # organization; a form of its own sends plain "slots".
    typed = request.POST.get(f"slots-{org_slug}", request.POST.get("slots", ""))
    form = SlotsGrantForm({"slots": typed})
    if not form.is_valid():
        typed = Truncator(typed.strip()).chars(ECHOED_CHARACTERS)
        entered = f"you entered “{typed}”. " if typed else ""
        messages.error(request, f"{org}: {entered}{' '.join(form.errors['slots'])}")
        return _back_to_round(request, round_slug, org_slug)
    slots = form.cleaned_data["slots"]
    perform(
        request,
        lambda: decisions.slots_grant(participation=participation, by=request.user, slots=slots),
        success=f"{org} is granted {slots} slot{pluralize(slots)}.",
    )
    return _back_to_round(request, round_slug, org_slug)
