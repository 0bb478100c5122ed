"""Custom ideas: an applicant proposes an idea of their own; a mentor adopts it.

Seed 001's process: an applicant writes to the organization with an idea of their own during
the application period; a mentor who takes it on completes the template, and once approved it
is published like any other idea and open to every applicant. Here the proposal is a
ProjectIdea in status PROPOSED with no mentor; adopting makes the adopter its mentor and turns
it into a draft, from where the usual form, submission and review apply.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from people.dates import moment_for
from people.models import User
from programs.models import Participation
from programs.roles import roles_in
from projects import permissions
from projects.models import IdeaMentor, ProjectIdea
from projects.services.ideas import insert_with_unique_slug, lock, move, record_event


def _require_application_period(participation: Participation, by: User, now: datetime) -> None:
    round_ = participation.round
    if now < round_.applications_open:
        raise ValidationError(
            f"Applicants propose ideas of their own during the application period, which "
            f"opens on {moment_for(by, round_.applications_open)}."
        )
    if now >= round_.applications_close:
        raise ValidationError(
            f"The application period ended on {moment_for(by, round_.applications_close)}; "
            "ideas of your own can no longer be proposed in this round."
        )


@transaction.atomic
def custom_idea_propose(
    *,
    participation: Participation,
    by: User,
    title: str,
    summary: str,
    description: str,
    now: datetime | None = None,
) -> ProjectIdea:
    """An applicant's idea for an accepted organization, during the application period.

    1. Refuse an organization that is not accepted, and any moment outside
       [applications open, applications close): the refusal names the dates.
    2. Create the idea (status PROPOSED, no mentor, the proposer recorded) under a free slug.
    3. Record the event.
    """
    now = now or timezone.now()
    if participation.status != Participation.Status.ACCEPTED:
        raise ValidationError(f"{participation.organization} is not taking part in this round.")
    _require_application_period(participation, by, now)
    idea = ProjectIdea(
        participation=participation,
        title=title.strip(),
        summary=summary.strip(),
        description=description.strip(),
        status=ProjectIdea.Status.PROPOSED,
        proposed_by=by,
        created_by=by,
    )
    insert_with_unique_slug(idea, idea.title, lambda new: new.save(force_insert=True))
    record_event(
        idea=idea,
        actor=by,
        from_status="",
        to_status=ProjectIdea.Status.PROPOSED,
        comment="Proposed by an applicant.",
        at=now,
    )
    return idea


@transaction.atomic
def idea_adopt(*, idea: ProjectIdea, by: User, now: datetime | None = None) -> ProjectIdea:
    """A mentor or org admin takes on a custom idea (by the rule the adopt page checks too).

    1. Lock the idea and refuse it unless it still waits for a mentor: two mentors pressing
       "Adopt" at once make one mentor, and the second is told who was first.
    2. Make the adopter its first mentor (contact: email; they can change it in the form).
    3. Turn it into a draft and record the event.
    """
    now = now or timezone.now()
    locked = lock(idea)
    if not permissions.may_author(roles_in(by, idea.participation)):
        raise ValidationError("Only the organization's mentors and admins adopt ideas.")
    if locked.status != ProjectIdea.Status.PROPOSED:
        adopter = locked.mentors.select_related("user").first()
        if adopter is not None:
            raise ValidationError(f"“{locked.title}” was already adopted by {adopter}.")
        raise ValidationError(
            f"“{locked.title}” no longer waits for a mentor ({locked.get_status_display()})."
        )
    IdeaMentor.objects.create(idea=locked, user=by, contact=IdeaMentor.Contact.EMAIL, position=0)
    move(locked, to=ProjectIdea.Status.DRAFT, by=by, comment=f"Adopted by {by}.", at=now)
    idea.status = locked.status
    return locked
