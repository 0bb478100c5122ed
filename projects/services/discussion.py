"""Posting under an idea: public questions and answers, and the organization's private notes.

The comment row is the whole record: its author, idea, time and visibility are what the
reminders send to the idea's mentors (one message per new public comment not written by one of
them), so posting writes nothing else.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from people.dates import moment_for
from people.models import User
from programs.roles import roles_in
from projects import permissions
from projects.models import IdeaComment, ProjectIdea

BODY_MAX = 10_000


@transaction.atomic
def comment_post(
    *,
    idea: ProjectIdea,
    author: User,
    body: str,
    visibility: str,
    now: datetime | None = None,
) -> IdeaComment:
    """Add one comment. The page checked who may see the idea; the organization's notes are
    checked again here, by the same rule.

    1. Refuse an empty or overlong body, an unknown visibility, and a note by someone who may
       not write the organization's notes.
    2. Refuse a public question before the idea is published: until then only the
       organization's notes are open, so no applicant is answered ahead of the others.
    3. Write the row.
    """
    now = now or timezone.now()
    body = body.strip()
    if not body:
        raise ValidationError("Write something before posting.")
    if len(body) > BODY_MAX:
        raise ValidationError(f"A comment is at most {BODY_MAX:,} characters.")
    if visibility not in IdeaComment.Visibility.values:
        raise ValidationError(f"Unknown thread: {visibility!r}.")
    if visibility == IdeaComment.Visibility.ORGANIZATION and not permissions.may_write_notes(
        roles_in(author, idea.participation)
    ):
        raise ValidationError("Only the organization's mentors and admins write its notes.")
    if visibility == IdeaComment.Visibility.PUBLIC and not idea.is_published_at(now):
        raise ValidationError(_not_open_yet(idea, author, now))
    return IdeaComment.objects.create(idea=idea, author=author, body=body, visibility=visibility)


def _not_open_yet(idea: ProjectIdea, author: User, now: datetime) -> str:
    ideas_date = idea.participation.round.ideas_published
    if idea.status == ProjectIdea.Status.APPROVED and ideas_date > now:
        return f"Questions open when the idea is published, on {moment_for(author, ideas_date)}."
    return "Questions open once the idea is approved and published."
