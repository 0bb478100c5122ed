"""Org admins review ideas: the queue of ideas waiting, one idea's review against the seed's
checklist, and the organization's approval rule. Thin: permissions, a form, a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from people.dates import moment_for
from programs.models import Participation
from projects import permissions
from projects.forms.review import ApprovalRuleForm, ReviewForm
from projects.models import IdeaMentor, IdeaReview, ProjectIdea, Tag
from projects.services import reviews as services
from projects.views.public import shown_links

Verdict = IdeaReview.Verdict


def _queue_url(participation: Participation) -> str:
    return reverse(
        "projects:review_queue", args=[participation.round.slug, participation.organization.slug]
    )


def _queue(
    request: HttpRequest, participation: Participation, rule_form: ApprovalRuleForm | None = None
) -> HttpResponse:
    user = request.user
    ideas = (
        ProjectIdea.objects.filter(participation=participation, status=ProjectIdea.Status.SUBMITTED)
        .with_approvals()
        .annotate(
            reviewed_by_me=Exists(
                IdeaReview.objects.filter(
                    idea=OuterRef("pk"), revision=OuterRef("revision"), reviewer=user
                )
            ),
            mentored_by_me=Exists(IdeaMentor.objects.filter(idea=OuterRef("pk"), user=user)),
        )
        .prefetch_related(Prefetch("mentors", queryset=IdeaMentor.objects.select_related("user")))
        .order_by("submitted_at", "pk")
    )
    admins = services.org_admin_count(participation)
    return render(
        request,
        "projects/review/queue.html",
        {
            "participation": participation,
            "round": participation.round,
            "organization": participation.organization,
            "ideas": ideas,
            "rule_form": rule_form or ApprovalRuleForm(participation=participation),
            "org_admins": admins,
            "too_few_admins": admins < participation.idea_approvals_required,
        },
    )


@login_required
def review_queue(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_idea_admin(request.user, round_slug, org_slug)
    return _queue(request, participation)


@login_required
@require_POST
def approval_rule(request: HttpRequest, round_slug: str, org_slug: str) -> HttpResponse:
    participation = permissions.participation_for_idea_admin(request.user, round_slug, org_slug)
    form = ApprovalRuleForm(request.POST, participation=participation)
    if form.is_valid():
        required = form.cleaned_data["approvals_required"]
        try:
            approved = services.approval_rule_set(
                participation=participation,
                by=request.user,
                approvals_required=required,
                two_affiliations=form.cleaned_data["two_affiliations"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext("Ideas now need %d approval.", "Ideas now need %d approvals.", required)
                % required,
            )
            if approved:
                titles = ", ".join(f"“{idea.title}”" for idea in approved)
                messages.info(request, f"Approved under the new rule: {titles}.")
            admins = services.org_admin_count(participation)
            if admins < required:
                messages.warning(
                    request,
                    f"{participation.organization} has "
                    + ngettext("%d active org admin", "%d active org admins", admins) % admins
                    + ", fewer than the "
                    + ngettext("%d approval", "%d approvals", required) % required
                    + " required: no idea can be approved until more are invited.",
                )
            return redirect(_queue_url(participation))
    return _queue(request, participation, rule_form=form)


def _approved_message(request: HttpRequest, idea: ProjectIdea) -> str:
    published = idea.participation.round.ideas_published
    if published <= timezone.now():
        return f"“{idea.title}” is approved and published."
    return (
        f"“{idea.title}” is approved; it will be published on "
        f"{moment_for(request.user, published)}."
    )


@login_required
def idea_review(
    request: HttpRequest, round_slug: str, org_slug: str, idea_slug: str
) -> HttpResponse:
    idea = permissions.idea_for_review(request.user, round_slug, org_slug, idea_slug)
    participation = idea.participation
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(data)
    if data is not None and form.is_valid():
        verdict = form.cleaned_data["verdict"]
        try:
            services.idea_review(
                idea=idea,
                reviewer=request.user,
                verdict=verdict,
                comment=form.cleaned_data["comment"],
                checklist=form.checklist,
            )
        except ValidationError as error:
            form.add_error(None, ValidationError(error.messages))
        else:
            if idea.status == ProjectIdea.Status.APPROVED:
                messages.success(request, _approved_message(request, idea))
            elif verdict == Verdict.APPROVE:
                messages.success(request, "Your approval is recorded.")
            else:
                messages.success(request, f"“{idea.title}” is {idea.get_status_display().lower()}.")
            return redirect(_queue_url(participation))

    tags = list(idea.tags.all())
    reviews = list(idea.reviews.select_related("reviewer").order_by("-revision", "created_at"))
    mine = [r for r in reviews if r.reviewer_id == request.user.pk and r.revision == idea.revision]
    return render(
        request,
        "projects/review/review.html",
        {
            "idea": idea,
            "participation": participation,
            "round": participation.round,
            "organization": participation.organization,
            "mentors": list(idea.mentors.select_related("user")),
            "links": shown_links(idea.links, "label", participation.organization),
            "starter_tasks": shown_links(idea.starter_tasks, "title", participation.organization),
            "languages": [tag.name for tag in tags if tag.kind == Tag.Kind.LANGUAGE],
            "skills": [tag.name for tag in tags if tag.kind == Tag.Kind.SKILL],
            "reviews": reviews,
            "tally": services.tally_for(idea),
            "history": list(idea.events.select_related("actor")),
            "form": form,
            "my_review": mine[0] if mine else None,
            "is_waiting": idea.status == ProjectIdea.Status.SUBMITTED,
        },
    )
