"""Importing a wiki page of idea blocks into a participation, and exporting one back.

An import is all or nothing: the page is parsed and checked first (the parser's problems,
then what the database would refuse: a title already taken in the participation, a value
too long, a size out of range), and any problem stops it before a row is written. The page
is parsed before the transaction opens, so a long page never holds the database's write
lock (on SQLite, the whole database's) while it is read. Otherwise every idea is created as
a draft in one transaction, with the importer as its creator, an
event recording the import, its tags, its unknown fields kept, and its mentors matched to
accounts:

- by email: the account's address or a verified address of it (case-insensitive);
- else by IRC nick (User.irc_nick, case-insensitive; a nick two accounts share matches none);
- only active mentors and org admins of the organization in this round: anyone else is kept
  as written, like a mentor without an account (the idea form offers only members, and a
  stranger must not gain access to a draft through a page someone pasted).
"""

import logging
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower

from people.models import User
from programs.models import Membership, Participation
from programs.roles import roles_in
from projects import permissions
from projects.models import MAX_HOURS, MIN_HOURS, IdeaMentor, ProjectIdea, Tag
from projects.services.ideas import record_event, unique_slug
from projects.services.tags import clean_names, tags_for
from projects.wiki.convert import idea_fields, idea_to_data, mentor_text, with_wiki_details
from projects.wiki.data import IdeaData, MentorEntry
from projects.wiki.parse import ParseResult, Problem, parse_page
from projects.wiki.render import render_page

logger = logging.getLogger(__name__)

_LIMITS = {
    name: ProjectIdea._meta.get_field(name).max_length
    for name in ("title", "summary", "suggested_by")
}
_MENTOR_NAME_MAX = IdeaMentor._meta.get_field("name").max_length


@dataclass(frozen=True)
class MentorMatch:
    entry: MentorEntry
    user: User | None = None
    matched_by: str = ""  # "email" or "irc" when `user` is set
    note: str = ""  # why an account found was not linked

    @property
    def written(self) -> str:
        return mentor_text(self.entry)


@dataclass(frozen=True)
class IdeaPreview:
    data: IdeaData
    mentors: tuple[MentorMatch, ...]


@dataclass
class ImportReport:
    previews: list[IdeaPreview]
    problems: list[Problem]
    ideas: list[ProjectIdea] = field(default_factory=list)  # created; empty unless imported

    @property
    def ok(self) -> bool:
        return not self.problems


# --- Matching mentors ------------------------------------------------------------------------


def _members(participation: Participation, users: list[User]) -> set[int]:
    return set(
        Membership.objects.active()
        .filter(
            participation=participation,
            user__in=users,
            role__in=[Membership.Role.MENTOR, Membership.Role.ORG_ADMIN],
        )
        .values_list("user_id", flat=True)
    )


def _accounts(entries: list[MentorEntry]) -> tuple[dict[str, User], dict[str, User | None]]:
    """Accounts by lower-cased email and by lower-cased IRC nick (None: a shared nick), in
    three queries whatever the number of mentors."""
    emails = {entry.email.lower() for entry in entries if entry.email}
    nicks = {entry.irc.lower() for entry in entries if entry.irc}
    by_email: dict[str, User] = {}
    if emails:
        for address in (
            EmailAddress.objects.filter(verified=True)
            .annotate(lower=Lower("email"))
            .filter(lower__in=emails)
            .select_related("user")
        ):
            by_email[address.lower] = address.user
        # The account's own address wins over a verified address someone else added.
        for user in User.objects.annotate(lower=Lower("email")).filter(lower__in=emails):
            by_email[user.lower] = user
    by_nick: dict[str, User | None] = {}
    if nicks:
        for user in User.objects.annotate(lower=Lower("irc_nick")).filter(lower__in=nicks):
            by_nick[user.lower] = None if user.lower in by_nick else user
    return by_email, by_nick


def _matches(participation: Participation, ideas: list[IdeaData]) -> list[tuple[MentorMatch, ...]]:
    entries = [entry for idea in ideas for entry in idea.mentors]
    by_email, by_nick = _accounts(entries)
    found = [user for user in [*by_email.values(), *by_nick.values()] if user is not None]
    members = _members(participation, found) if found else set()
    organization = participation.organization

    def match(entry: MentorEntry) -> MentorMatch:
        for how, user in (
            ("email", by_email.get(entry.email.lower()) if entry.email else None),
            ("irc", by_nick.get(entry.irc.lower()) if entry.irc else None),
        ):
            if user is None:
                continue
            if user.pk in members:
                return MentorMatch(entry, user, how)
            return MentorMatch(
                entry,
                note=f"{user.name} has an account but no mentor role in {organization} in "
                "this round: kept as written",
            )
        return MentorMatch(entry)

    return [tuple(match(entry) for entry in idea.mentors) for idea in ideas]


# --- Checking what the database would refuse ----------------------------------------------


def _refusals(preview: IdeaPreview, *, taken: set[str], organization) -> list[str]:
    data = preview.data
    refusals = []
    if data.title.casefold() in taken:
        refusals.append(f"an idea with this title already exists in {organization}")
    for name, limit in _LIMITS.items():
        if len(getattr(data, name)) > limit:
            refusals.append(f"{name.replace('_', ' ')} is longer than {limit} characters")
    hours = data.expected_hours
    if hours is not None and not MIN_HOURS <= hours <= MAX_HOURS:
        refusals.append(f"expected size must be {MIN_HOURS} to {MAX_HOURS} hours, not {hours}")
    for names in (data.languages, data.skills):
        try:
            clean_names(names)
        except ValidationError as error:
            refusals.append(" ".join(error.messages))
    users = [match.user.pk for match in preview.mentors if match.user is not None]
    if len(set(users)) != len(users):
        refusals.append("one account is named twice among the mentors")
    for match in preview.mentors:
        if match.user is None and len(match.written) > _MENTOR_NAME_MAX:
            refusals.append(
                f"the mentor “{match.written[:30]}…” is longer than {_MENTOR_NAME_MAX} characters"
            )
    return refusals


def _problems(participation: Participation, previews: list[IdeaPreview]) -> list[Problem]:
    """What the database would refuse, at the line of the idea's block."""
    taken = {
        title.casefold()
        for title in ProjectIdea.objects.filter(participation=participation).values_list(
            "title", flat=True
        )
    }
    return [
        Problem(preview.data.line or 1, f"“{preview.data.title[:60]}”: {refusal}")
        for preview in previews
        for refusal in _refusals(preview, taken=taken, organization=participation.organization)
    ]


def ideas_import_preview(*, participation: Participation, text: str) -> ImportReport:
    """What importing the page would do, without writing anything."""
    return _checked(participation, parse_page(text))


def _checked(participation: Participation, result: ParseResult) -> ImportReport:
    """The parsed page with its mentors matched and what the database would refuse."""
    matches = _matches(participation, result.ideas)
    previews = [
        IdeaPreview(data, mentors) for data, mentors in zip(result.ideas, matches, strict=True)
    ]
    problems = result.problems + _problems(participation, previews)
    if not result.ideas and not result.problems:
        problems.append(Problem(1, "no ideas on this page: each starts with “=== Title ===”"))
    return ImportReport(previews=previews, problems=sorted(problems))


# --- Importing ------------------------------------------------------------------------------


def _contact(match: MentorMatch) -> str:
    """The contact shown: the one the account was found by, or for someone without an
    account the one the page gave (email first)."""
    if match.matched_by == "irc" or (
        match.user is None and match.entry.irc and not match.entry.email
    ):
        return IdeaMentor.Contact.IRC
    return IdeaMentor.Contact.EMAIL


def _create(participation: Participation, preview: IdeaPreview, by: User | None) -> ProjectIdea:
    data = preview.data
    idea = ProjectIdea.objects.create(
        participation=participation,
        slug=unique_slug(participation, data.title),
        status=ProjectIdea.Status.DRAFT,
        created_by=by,
        **idea_fields(data),
    )
    idea.tags.add(
        *tags_for(kind=Tag.Kind.LANGUAGE, names=data.languages),
        *tags_for(kind=Tag.Kind.SKILL, names=data.skills),
    )
    IdeaMentor.objects.bulk_create(
        IdeaMentor(
            idea=idea,
            user=match.user,
            name="" if match.user else match.written,
            contact=_contact(match),
            position=position,
        )
        for position, match in enumerate(preview.mentors)
    )
    record_event(
        idea=idea,
        actor=by,
        from_status="",
        to_status=ProjectIdea.Status.DRAFT,
        comment=f"Imported from a wiki page (its block began on line {data.line}).",
    )
    return idea


def ideas_import(*, participation: Participation, text: str, by: User | None) -> ImportReport:
    """Import every idea of the page as a draft, or none when the page has any problem.

    `by` is the importing org admin (or program admin); None for a management command run
    without --as, in which case the ideas have no creator.
    """
    if by is not None and not permissions.may_import_ideas(roles_in(by, participation)):
        raise ValidationError("Only the organization's admins import ideas.")
    result = parse_page(text)
    if result.problems:
        return _checked(participation, result)
    with transaction.atomic():
        # Imports into one participation take turns, so two cannot both create the same title.
        Participation.objects.select_for_update().filter(pk=participation.pk).first()
        report = _checked(participation, result)
        if report.problems:
            return report
        report.ideas = [_create(participation, preview, by) for preview in report.previews]
    logger.info(
        "%s imported %d ideas into participation %s",
        by and by.pk,
        len(report.ideas),
        participation.pk,
    )
    return report


# --- Exporting ------------------------------------------------------------------------------


def ideas_export(participation: Participation, ideas: QuerySet[ProjectIdea] | None = None) -> str:
    """The ideas (all of the participation's by default) as one wiki page, by title."""
    if ideas is None:
        ideas = ProjectIdea.objects.filter(participation=participation)
    return render_page([idea_to_data(idea) for idea in with_wiki_details(ideas).order_by("title")])
