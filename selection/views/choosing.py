"""Selection: an organization's slots and ranked list with a select or deselect button per row;
the program admins' table of a round; a conflict's page, where a program admin resolves it.
Access is selection.permissions'; the rules are selection.services'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from programs.roles import roles_in
from programs.views.outcome import refusal
from selection import permissions
from selection.forms.choosing import ConflictResolveForm, SelectionChangeForm
from selection.services import choosing, conflicts, round_table, selection_page, window


def _selection_url(participation, page: int | None = None) -> str:
    url = reverse(
        "selection:selection", args=[participation.round.slug, participation.organization.slug]
    )
    return f"{url}?page={page}" if page and page > 1 else url


@login_required
@require_http_methods(["GET", "POST"])
def selection(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    """The slots and the ranked list (its people read it); a POST selects or deselects one
    proposal (the org admins; program admins standing in)."""
    acting = request.method == "POST"
    participation = permissions.participation_for_selection(
        request.user, round_slug, org_slug, acting=acting
    )
    if acting:
        return _change(request, participation)
    page = Paginator(
        selection_page.ranked_list(participation, request.user), selection_page.ROWS_PER_PAGE
    ).get_page(request.GET.get("page"))
    round_ = participation.round
    now = timezone.now()
    open_ = window.review_is_open(round_, now)
    after_results = now >= round_.results_announced
    # The buttons the services would accept now: during the selection window, the org
    # admins' (and program admins'); after the results, program admins' only, with a reason.
    roles = roles_in(request.user, participation)
    may_select = permissions.may_select(roles)
    context = {
        "participation": participation,
        "round": round_,
        "organization": participation.organization,
        "slots": selection_page.slots_of(participation),
        "page": page,
        "sees_scores": permissions.sees_scores_at_once(roles),
        "may_select": may_select and (open_ or (after_results and request.user.runs_programs)),
        "open": open_,
        "after_results": after_results,
        "before_deadline": now < round_.applications_close,
    }
    return render(request, "selection/selection.html", context)


def _change(request: HttpRequest, participation) -> HttpResponse:
    form = SelectionChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a proposal of the list, and give a shorter reason.")
        return redirect(_selection_url(participation))
    data = form.cleaned_data
    candidacy = permissions.candidacy_of(participation, data["proposal"])
    title = candidacy.proposal.title
    try:
        if data["action"] == SelectionChangeForm.SELECT:
            outcome = choosing.candidacy_select(
                candidacy=candidacy, by=request.user, reason=data["reason"]
            )
        else:
            choosing.candidacy_deselect(candidacy=candidacy, by=request.user, reason=data["reason"])
            outcome = None
    except ValidationError as error:
        messages.error(request, refusal(error))
    else:
        if outcome is None:
            messages.success(request, f"“{title}” is no longer selected.")
        elif outcome.conflict is not None:
            messages.warning(
                request,
                f"“{title}” is selected. Its applicant is selected more times in the round than "
                "its rule allows: a program admin will resolve the conflict, and you will be "
                "told if your selection is released.",
            )
        else:
            messages.success(request, f"“{title}” is selected.")
    return redirect(_selection_url(participation, data["page"]))


@login_required
def round_selection(request: HttpRequest, round_slug: str) -> HttpResponse:
    """Program admins: each accepted organization's slots, selections and open conflicts."""
    round_ = permissions.round_for_selection_table(request.user, round_slug)
    search = request.GET.get("q", "").strip()[: round_table.MAX_SEARCH]
    page = Paginator(
        round_table.participation_rows(round_=round_, search=search), round_table.ROWS_PER_PAGE
    ).get_page(request.GET.get("page"))
    round_table.count_page(list(page.object_list), round_)
    context = {
        "round": round_,
        "page": page,
        "q": search,
        "totals": round_table.totals(round_),
        "conflicts": Paginator(
            round_table.open_conflicts(round_), round_table.CONFLICTS_PER_PAGE
        ).get_page(request.GET.get("conflicts")),
        "max_search": round_table.MAX_SEARCH,
    }
    return render(request, "selection/round_selection.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conflict(request: HttpRequest, round_slug: str, pk: int) -> HttpResponse:
    """A program admin sees each organization's rank for the applicant and the applicant's
    order of preference, keeps one selection (or up to the rule) and releases the others."""
    found = permissions.conflict_for_program_admin(request.user, round_slug, pk)
    here = reverse("selection:conflict", args=[found.round.slug, found.pk])
    if request.method == "POST" and found.resolved_at is not None:
        messages.error(request, "This conflict is resolved already.")
        return redirect(here)
    rows = conflicts.preference_rows(found)
    choices = [
        (row.candidacy.pk, row.proposal.idea.participation.organization.name)
        for row in rows
        if row.selected
    ]
    form = ConflictResolveForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            released = conflicts.conflict_resolve(
                conflict=found,
                by=request.user,
                keep=form.cleaned_data["keep"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, ValidationError(error.messages))
        else:
            messages.success(
                request,
                "The conflict is resolved"
                + (
                    f"; {len(released)} organization{'s' if len(released) != 1 else ''} told "
                    "they may select their next proposal."
                    if released
                    else "."
                ),
            )
            return redirect(reverse("selection:round_selection", args=[found.round.slug]))
    context = {
        "conflict": found,
        "round": found.round,
        "rows": rows,
        "form": form,
        "allowed": found.round.rules.max_accepted_per_applicant,
    }
    return render(request, "selection/conflict.html", context, status=400 if form.errors else 200)
