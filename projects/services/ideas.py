"""Writing an idea and moving it through its states: create, update, submit, withdraw.

Every change of state writes an IdeaEvent (who, from, to, why, when). Each transition locks
the idea's row first, so a double click, or an edit racing a review, sees the state the other
left behind. Reviews and the approval rule live in projects.services.reviews.

Revisions: submitting bumps the revision, and approvals count only for the revision they were
given to. Editing an idea that waits for review changes nothing else; editing an approved idea
sends it back for review under a new revision, so its approvals are given again.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from people.dates import moment_for
from people.models import User
from programs.models import Membership, Participation
from programs.roles import roles_in
from projects import permissions
from projects.models import IdeaEvent, IdeaMentor, ProjectIdea, Tag
from projects.services.tags import clean_names, tag_slug, tags_for
from projects.wiki.data import Link

logger = logging.getLogger(__name__)

Status = ProjectIdea.Status
ORG_ADMIN = Membership.Role.ORG_ADMIN
MENTOR = Membership.Role.MENTOR

EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED, Status.SUBMITTED, Status.APPROVED)
SUBMITTABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)
WITHDRAWABLE = (Status.DRAFT, Status.CHANGES_REQUESTED, Status.SUBMITTED, Status.APPROVED)
# An organization that has applied may already prepare its ideas for review.
SUBMITTING_PARTICIPATIONS = (Participation.Status.APPLIED, Participation.Status.ACCEPTED)

# Words used by the organization's idea pages ("ideas/new/", "ideas/review/", ...): an idea
# with one of them as its slug would be hidden behind that page.
RESERVED_SLUGS = frozenset(
    {"new", "mine", "review", "rule", "preview", "import", "export", "wiki", "json", "custom",
     "propose", "search", "feed", "all"}
)  # fmt: skip
SLUG_MAX = ProjectIdea._meta.get_field("slug").max_length


@dataclass(frozen=True)
class MentorChoice:
    """A co-mentor (an active mentor or org admin of the organization) and the contact they
    show with the idea."""

    user: User
    contact: str = IdeaMentor.Contact.EMAIL


@dataclass(frozen=True)
class IdeaContent:
    """What a mentor writes: the template's fields as plain values."""

    title: str
    summary: str
    description: str
    skill_level: str = ""
    expected_hours: int | None = None
    links: tuple[Link, ...] = ()
    languages: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    suggested_by: str = ""
    starter_tasks: tuple[Link, ...] = ()  # label = the task's title
    mentors: tuple[MentorChoice, ...] = ()


SCALAR_FIELDS = ("title", "summary", "description", "skill_level", "expected_hours", "suggested_by")


def record_event(
    *,
    idea: ProjectIdea,
    actor: User | None,
    from_status: str,
    to_status: str,
    comment: str = "",
    at: datetime | None = None,
) -> IdeaEvent:
    return IdeaEvent.objects.create(
        idea=idea,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        at=at or timezone.now(),
    )


def move(
    idea: ProjectIdea,
    *,
    to: str,
    by: User | None,
    comment: str = "",
    at: datetime | None = None,
    **fields,
) -> None:
    """Change a locked idea's status (and the given fields) and record the event."""
    from_status = idea.status
    idea.status = to
    for name, value in fields.items():
        setattr(idea, name, value)
    idea.save(update_fields=["status", "updated_at", *fields])
    record_event(idea=idea, actor=by, from_status=from_status, to_status=to, comment=comment, at=at)
    logger.info("%s moved idea %s from %s to %s", by and by.pk, idea.pk, from_status, to)


def lock(idea: ProjectIdea) -> ProjectIdea:
    """The idea's row, locked until the transaction ends, with the caller's cached
    participation kept (the lock takes no joins: PostgreSQL cannot lock an outer join)."""
    locked = ProjectIdea.objects.select_for_update().get(pk=idea.pk)
    if "participation" in idea._state.fields_cache:
        locked.participation = idea.participation
    return locked


def _status_phrase(idea: ProjectIdea) -> str:
    return idea.get_status_display().lower()


def _require_writer(*, participation: Participation, by: User, idea: ProjectIdea | None) -> bool:
    """The organization's admins write any idea, its mentors their own (or a new one).
    Returns whether the writer is an org admin."""
    roles = roles_in(by, participation)
    mentors_it = idea is None or idea.mentors.filter(user=by).exists()  # a new idea: its writer
    if not permissions.may_edit(roles, mentors_it=mentors_it):
        raise ValidationError("Only the idea's mentors and the organization's admins change it.")
    return roles.org_admin


def _check_mentors(
    *, participation: Participation, by: User, is_admin: bool, mentors: Iterable[MentorChoice]
) -> list[MentorChoice]:
    mentors = list(mentors)
    user_ids = [choice.user.pk for choice in mentors]
    if len(set(user_ids)) != len(user_ids):
        raise ValidationError("Each co-mentor can be named once.")
    members = set(
        Membership.objects.active()
        .filter(participation=participation, user_id__in=user_ids)
        .values_list("user_id", flat=True)
    )
    strangers = [choice.user.name for choice in mentors if choice.user.pk not in members]
    if strangers:
        raise ValidationError(
            f"{', '.join(strangers)} cannot co-mentor: only the organization's active mentors "
            "and admins in this round can."
        )
    for choice in mentors:
        if choice.contact not in IdeaMentor.Contact.values:
            raise ValidationError(f"Choose the contact shown for {choice.user.name}.")
        if choice.contact == IdeaMentor.Contact.IRC and not choice.user.irc_nick:
            raise ValidationError(
                f"{choice.user.name} has no IRC nick in their profile; show their email instead."
            )
    if not is_admin and by.pk not in user_ids:
        # A mentor who left themselves out would lose sight of the idea the moment it is saved.
        raise ValidationError(
            "Keep yourself among the co-mentors; only an org admin writes ideas for others."
        )
    return mentors


def unique_slug(participation: Participation, title: str) -> str:
    """A slug made from the title, unique in the participation and free of the pages' words."""
    base = slugify(title)[: SLUG_MAX - 4].strip("-") or "idea"
    taken = set(
        ProjectIdea.objects.filter(participation=participation, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    taken |= RESERVED_SLUGS
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def insert_with_unique_slug(
    idea: ProjectIdea, title: str, write: Callable[[ProjectIdea], object]
) -> None:
    """Give a new idea the first free slug of `title` and `write` it (which inserts it).

    Two ideas of the same title saved at once: the unique constraint refuses the second
    insert, and it takes the next number.
    """
    for _attempt in range(3):
        idea.slug = unique_slug(idea.participation, title)
        try:
            with transaction.atomic():  # a savepoint: a refused insert leaves the rest intact
                write(idea)
        except IntegrityError:
            continue
        return
    raise ValidationError("Another idea with this title was saved at the same time; retry.")


def _content_key(content: IdeaContent) -> tuple:
    """What an edit compares, so saving an unchanged form changes nothing."""
    return (
        tuple(getattr(content, name) for name in SCALAR_FIELDS),
        tuple((link.label, link.url) for link in content.links),
        tuple((task.label, task.url) for task in content.starter_tasks),
        tuple(tag_slug(name) for name in clean_names(content.languages)),
        tuple(tag_slug(name) for name in clean_names(content.skills)),
        tuple((choice.user.pk, choice.contact) for choice in content.mentors),
    )


def _stored_key(idea: ProjectIdea) -> tuple:
    # Tags are added in the order typed, so their link rows' order is the typed order.
    tags = [
        row.tag
        for row in ProjectIdea.tags.through.objects.filter(projectidea=idea)
        .select_related("tag")
        .order_by("pk")
    ]
    return (
        tuple(getattr(idea, name) for name in SCALAR_FIELDS),
        tuple((link.get("label", ""), link.get("url", "")) for link in idea.links),
        tuple((task.get("title", ""), task.get("url", "")) for task in idea.starter_tasks),
        tuple(tag.slug for tag in tags if tag.kind == Tag.Kind.LANGUAGE),
        tuple(tag.slug for tag in tags if tag.kind == Tag.Kind.SKILL),
        tuple(idea.mentors.filter(user__isnull=False).values_list("user_id", "contact")),
    )


def _write_content(idea: ProjectIdea, content: IdeaContent) -> None:
    """Copy the content onto the idea and save it with its tags and co-mentors.

    Mentors named on an imported page who have no account here are kept after the chosen
    ones: the form cannot show them as choices, and dropping them would lose what was typed.
    """
    for name in SCALAR_FIELDS:
        setattr(idea, name, getattr(content, name))
    idea.links = [{"label": link.label, "url": link.url} for link in content.links]
    idea.starter_tasks = [{"title": task.label, "url": task.url} for task in content.starter_tasks]
    idea.full_clean(
        exclude=["participation", "created_by", "proposed_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    idea.save()
    languages = tags_for(kind=Tag.Kind.LANGUAGE, names=content.languages)
    skills = tags_for(kind=Tag.Kind.SKILL, names=content.skills)
    idea.tags.clear()
    idea.tags.add(*languages, *skills)

    chosen = {choice.user.pk: (position, choice) for position, choice in enumerate(content.mentors)}
    idea.mentors.filter(user__isnull=False).exclude(user_id__in=chosen).delete()
    existing = {row.user_id: row for row in idea.mentors.filter(user__isnull=False)}
    for user_id, (position, choice) in chosen.items():
        row = existing.get(user_id)
        if row is None:
            IdeaMentor.objects.create(
                idea=idea, user=choice.user, contact=choice.contact, position=position
            )
        elif (row.contact, row.position) != (choice.contact, position):
            row.contact, row.position = choice.contact, position
            row.save(update_fields=["contact", "position"])
    for offset, row in enumerate(idea.mentors.filter(user__isnull=True)):
        row.position = len(chosen) + offset
        row.save(update_fields=["position"])


def require_submission_open(participation: Participation, by: User) -> None:
    """Ideas go to review only while the organization has applied or is accepted, and before
    the round's application deadline (whatever the browser shows)."""
    if participation.status not in SUBMITTING_PARTICIPATIONS:
        raise ValidationError(
            f"{participation.organization}'s application to {participation.round} is "
            f"{participation.get_status_display().lower()}; ideas can be submitted once it has "
            "applied."
        )
    deadline = participation.round.applications_close
    if timezone.now() >= deadline:
        raise ValidationError(
            f"The application deadline of {participation.round} was {moment_for(by, deadline)}; "
            "ideas can no longer be submitted for review."
        )


@transaction.atomic
def idea_create(*, participation: Participation, by: User, content: IdeaContent) -> ProjectIdea:
    """Write a new idea as a draft.

    1. Refuse anyone who is not an active mentor or org admin of the organization.
    2. With no co-mentor named, the writer mentors it; check every co-mentor is a member.
    3. Make the slug from the title, once (it never changes), unique in the participation.
    4. Save the idea, its tags and co-mentors, and record its creation.
    """
    is_admin = _require_writer(participation=participation, by=by, idea=None)
    mentors = content.mentors or (MentorChoice(user=by),)
    content = replace(content, mentors=tuple(mentors))
    _check_mentors(participation=participation, by=by, is_admin=is_admin, mentors=mentors)

    idea = ProjectIdea(participation=participation, status=Status.DRAFT, created_by=by)
    insert_with_unique_slug(idea, content.title, lambda new: _write_content(new, content))
    record_event(idea=idea, actor=by, from_status="", to_status=Status.DRAFT, comment="Written.")
    logger.info("%s wrote idea %s in participation %s", by.pk, idea.pk, participation.pk)
    return idea


@transaction.atomic
def idea_update(*, idea: ProjectIdea, by: User, content: IdeaContent) -> ProjectIdea:
    """Change what an idea says; its slug stays.

    A draft, an idea with changes requested, or one waiting for review keeps its state. An
    approved idea that changes goes back to review under a new revision (its approvals were
    for the old text), which counts as a submission and obeys the same deadline. Saving
    without a change writes nothing.
    """
    locked = lock(idea)
    participation = locked.participation
    if locked.status not in EDITABLE:
        raise ValidationError(f"This idea is {_status_phrase(locked)}; it can no longer be edited.")
    is_admin = _require_writer(participation=participation, by=by, idea=locked)
    _check_mentors(participation=participation, by=by, is_admin=is_admin, mentors=content.mentors)
    if not content.mentors and not locked.mentors.filter(user__isnull=True).exists():
        raise ValidationError("Name at least one co-mentor.")
    if _content_key(content) == _stored_key(locked):
        return locked

    if locked.status == Status.APPROVED:
        require_submission_open(participation, by)
    _write_content(locked, content)
    if locked.status == Status.APPROVED:
        move(
            locked,
            to=Status.SUBMITTED,
            by=by,
            comment="Changed after approval, so it is reviewed again.",
            revision=locked.revision + 1,
            submitted_at=timezone.now(),
            approved_at=None,
        )
    logger.info("%s edited idea %s", by.pk, locked.pk)
    return locked


@transaction.atomic
def idea_submit(*, idea: ProjectIdea, by: User) -> ProjectIdea:
    """Send a draft (or an idea with changes requested) to the org admins for review, as a
    new revision: approvals given to an earlier one do not count."""
    locked = lock(idea)
    participation = locked.participation
    _require_writer(participation=participation, by=by, idea=locked)
    if locked.status not in SUBMITTABLE:
        raise ValidationError(
            f"This idea is {_status_phrase(locked)}; only a draft or an idea with changes "
            "requested can be submitted."
        )
    require_submission_open(participation, by)
    if not locked.mentors.exists():
        raise ValidationError("Name at least one co-mentor before submitting the idea.")
    move(
        locked,
        to=Status.SUBMITTED,
        by=by,
        revision=locked.revision + 1,
        submitted_at=timezone.now(),
    )
    return locked


@transaction.atomic
def idea_withdraw(*, idea: ProjectIdea, by: User, comment: str = "") -> ProjectIdea:
    """Take an idea back for good (it can no longer be edited or submitted)."""
    locked = lock(idea)
    _require_writer(participation=locked.participation, by=by, idea=locked)
    if locked.status not in WITHDRAWABLE:
        raise ValidationError(f"This idea is already {_status_phrase(locked)}.")
    move(locked, to=Status.WITHDRAWN, by=by, comment=comment.strip())
    return locked
