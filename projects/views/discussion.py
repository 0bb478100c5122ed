"""Posting under an idea. The threads themselves are shown on the idea page (views.public)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from projects import permissions
from projects.forms.discussion import CommentForm
from projects.models import IdeaComment
from projects.services.discussion import comment_post
from projects.views.public import idea_page

POSTED = {
    IdeaComment.Visibility.PUBLIC: "Your message is posted; the idea's mentors will hear of it.",
    IdeaComment.Visibility.ORGANIZATION: "Your note is posted for the organization.",
}


@login_required
@require_POST
def idea_comment(
    request: HttpRequest, round_slug: str, org_slug: str, idea_slug: str
) -> HttpResponse:
    visibility = request.POST.get("visibility", "")
    if visibility not in IdeaComment.Visibility.values:
        return HttpResponseBadRequest("Unknown thread.")
    idea = permissions.idea_for_comment(request.user, round_slug, org_slug, idea_slug, visibility)
    form = CommentForm(request.POST, visibility=visibility)
    if form.is_valid():
        try:
            comment = comment_post(
                idea=idea,
                author=request.user,
                body=form.cleaned_data["body"],
                visibility=visibility,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, POSTED[visibility])
            return redirect(f"{idea.get_absolute_url()}#comment-{comment.pk}")
    # Refused: the page again, with what was typed and why it was refused.
    return idea_page(request, idea, bound_form=form, status=400)
