"""Custom ideas: an applicant proposes an idea of their own; a mentor adopts it.

Seed 001's process: an applicant writes to the organization with an idea of their own during
the application period; a mentor who takes it on completes the template, and once approved it
is published like any other idea and open to every applicant. Here the proposal is a
ProjectIdea in status PROPOSED with no mentor; adopting makes the adopter its mentor and turns
it into a draft, from where the usual form, submission and review apply.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from people.dates import moment_for
from people.models import User
from programs.models import Participation
from projects.models import IdeaEvent, IdeaMentor, ProjectIdea
from projects.services.ideas import RESERVED_SLUGS  # one list for every way an idea is made

SLUG_MAX = ProjectIdea._meta.get_field("slug").max_length


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


def slug_candidates(title: str):
    """`title-slug`, then `title-slug-2`, `-3`, ...: each short enough for the field."""
    base = slugify(title)[: SLUG_MAX - 4].strip("-") or "idea"
    if base not in RESERVED_SLUGS:
        yield base
    number = 2
    while True:
        yield f"{base}-{number}"
        number += 1  # "new-2" is never reserved: the pages' words carry no number


def create_with_unique_slug(idea: ProjectIdea) -> ProjectIdea:
    """Save a new idea under the first slug free in its participation.

    The existing slugs are read once; should someone take the same slug between that read
    and the insert, the unique constraint refuses it and the next candidate is tried.
    """
    taken = set(
        ProjectIdea.objects.filter(participation=idea.participation).values_list("slug", flat=True)
    )
    for slug in slug_candidates(idea.title):
        if slug in taken:
            continue
        idea.slug = slug
        try:
            with transaction.atomic():  # a savepoint: a refused insert leaves the rest intact
                idea.save(force_insert=True)
        except IntegrityError:
            taken.add(slug)
            continue
        return idea
    raise AssertionError("unreachable: slug candidates never run out")


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
    idea = create_with_unique_slug(
        ProjectIdea(
            participation=participation,
            title=title.strip(),
            summary=summary.strip(),
            description=description.strip(),
            status=ProjectIdea.Status.PROPOSED,
            proposed_by=by,
            created_by=by,
        )
    )
    IdeaEvent.objects.create(
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
    """A mentor or org admin takes on a custom idea (the caller checked the role).

    1. Lock the idea and refuse it unless it still waits for a mentor: two mentors pressing
       "Adopt" at once make one mentor, and the second is told who was first.
    2. Make the adopter its first mentor (contact: email; they can change it in the form).
    3. Turn it into a draft and record the event.
    """
    now = now or timezone.now()
    locked = ProjectIdea.objects.select_for_update().get(pk=idea.pk)
    if locked.status != ProjectIdea.Status.PROPOSED:
        adopter = locked.mentors.select_related("user").first()
        if adopter is not None:
            raise ValidationError(f"“{locked.title}” was already adopted by {adopter}.")
        raise ValidationError(
            f"“{locked.title}” no longer waits for a mentor ({locked.get_status_display()})."
        )
    IdeaMentor.objects.create(idea=locked, user=by, contact=IdeaMentor.Contact.EMAIL, position=0)
    locked.status = ProjectIdea.Status.DRAFT
    locked.save(update_fields=["status", "updated_at"])
    IdeaEvent.objects.create(
        idea=locked,
        actor=by,
        from_status=ProjectIdea.Status.PROPOSED,
        to_status=ProjectIdea.Status.DRAFT,
        comment=f"Adopted by {by}.",
        at=now,
    )
    idea.status = locked.status
    return locked
