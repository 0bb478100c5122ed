"""The registry of message kinds and reminder functions, filled by each app's `reminders.py`.

Like Django's admin autodiscover: `NotificationsConfig.ready()` imports every installed app's
`reminders` module, whose top level registers

- its kinds: `ORG_DEADLINE = kind("org_application_deadline", label=..., optional=False,
  app="programs")`, one set of email templates each, in the app's own folder
  (`templates/<app>/emails/<kind>-subject.txt`, `-body.txt`, `-body.html`);
- its reminders: `@reminder def participation_draft_deadline(now): yield Due(...)`;
- who receives each kind, where not anyone: `kind(..., roles={"org_admin"})`, with a function
  that names a person's roles (`@person_roles def roles(user): ...`), so the email choices
  offer each person only the kinds their roles can receive, and notifications needs to know
  no domain model to tell.

A reminder function is pure: given the clock, it reads the database and yields what is due,
to whom, about what. It writes nothing; the sweep turns what it yields into outbox rows, and
the outbox's unique constraint makes yielding the same thing again harmless. So a later part
adds its reminders with one file, `<app>/reminders.py`, and touches nothing here.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Kind:
    """A kind of message. `optional` kinds are not about a duty the recipient owes (a round's
    deadline for a follower, a digest), so people may turn them off; the rest always go."""

    name: str
    label: str
    optional: bool
    # The roles whose holders receive it (see `person_roles`); empty: anyone may (a round's
    # deadlines go to whoever follows the round).
    roles: frozenset[str] = frozenset()
    # The app whose templates/<app>/emails/ folder holds the kind's three templates.
    app: str = "notifications"

    def template(self, part: str) -> str:
        """The template of one part: "subject.txt", "body.txt" or "body.html"."""
        return f"{self.app}/emails/{self.name}-{part}"


@dataclass(frozen=True)
class Due:
    """One message that is due now: `kind` to `recipient` about `about`, due since `due_at`.

    `context` is handed to the kind's templates. `copy_to` are people copied on it (org admins
    on the last reminder of a duty their mentor owes): each gets their own row of the same
    kind, with `copy_of` (the recipient) in the context, so the templates can say why.

    `covers` names the deadline a reminder is about, with its lead (`deadline_key`). When a
    duty reminder (a kind that cannot be turned off) and an optional one cover the same
    deadline for the same person, the sweep sends only the duty: a mentor with drafts hears
    of the ideas date once, not also as one of the round's followers.
    """

    kind: str
    recipient: Any  # people.User; not imported, notifications sits below people's users
    about: str
    due_at: datetime
    context: Mapping[str, Any] = field(default_factory=dict)
    dedupe_key: str = ""
    copy_to: tuple[Any, ...] = ()
    covers: str = ""

    def copies(self) -> Iterator["Due"]:
        """This message and one per copied person (never the recipient twice), each with
        nobody left to copy, so expanding them again yields the same rows."""
        yield replace(self, copy_to=())
        seen = {self.recipient.pk}
        for person in self.copy_to:
            if person.pk in seen:
                continue
            seen.add(person.pk)
            yield Due(
                kind=self.kind,
                recipient=person,
                about=self.about,
                due_at=self.due_at,
                context={**self.context, "copy_of": self.recipient},
                dedupe_key="/".join(
                    filter(None, [self.dedupe_key, f"copy-of:{self.recipient.pk}"])
                ),
                covers=self.covers,
            )


@dataclass(frozen=True)
class Lead:
    """How long before a deadline a reminder goes: "3d" three days, "1d" one day before."""

    name: str
    before: timedelta
    is_last: bool


# Three days and one day before: the reminders of every deadline in the site.
LEADS: tuple[Lead, ...] = (
    Lead("3d", timedelta(days=3), is_last=False),
    Lead("1d", timedelta(days=1), is_last=True),
)


def deadline_windows(
    now: datetime, leads: tuple[Lead, ...] = LEADS
) -> Iterator[tuple[Lead, datetime, datetime]]:
    """For each lead, the deadlines whose reminder of that lead is due at `now`, as
    (lead, after, until): a deadline D with after < D <= until.

    The reminder of lead L is due from D - L (inclusive) until the next shorter lead's moment
    (the deadline itself for the last one). So at D - 3 days exactly the three-day reminder is
    due, one second before it nothing is; and a sweep that first runs 20 hours before D sends
    the one-day reminder only, not a stale three-day one as well.
    """
    ordered = sorted(leads, key=lambda lead: lead.before, reverse=True)
    for index, lead in enumerate(ordered):
        shorter = ordered[index + 1].before if index + 1 < len(ordered) else timedelta(0)
        yield lead, now + shorter, now + lead.before


def deadline_key(round_pk: int, field: str, lead: Lead) -> str:
    """What `Due.covers` says of a round's deadline reminded at one lead."""
    return f"round:{round_pk}:{field}:{lead.name}"


def without_covered(dues: Iterable[Due]) -> list[Due]:
    """The dues minus each optional one whose deadline a duty reminder already covers for
    the same person in this sweep (both follow the same leads, so they fall due together)."""
    dues = list(dues)
    covered = {
        (due.recipient.pk, due.covers)
        for due in dues
        if due.covers and not get_kind(due.kind).optional
    }
    return [
        due
        for due in dues
        if not (due.covers and get_kind(due.kind).optional)
        or (due.recipient.pk, due.covers) not in covered
    ]


Reminder = Callable[[datetime], Iterable[Due]]
RolesOf = Callable[[Any], set[str]]

_kinds: dict[str, Kind] = {}
_reminders: dict[str, Reminder] = {}
_roles_of: dict[str, RolesOf] = {}


def kind(
    name: str,
    *,
    label: str,
    optional: bool,
    app: str = "notifications",
    roles: Iterable[str] = (),
) -> Kind:
    """Register a kind of message, whose templates are in `app`'s emails folder (notifications'
    own kinds leave it out); registering one name twice differently is a mistake."""
    registered = Kind(name=name, label=label, optional=optional, app=app, roles=frozenset(roles))
    if _kinds.get(name, registered) != registered:
        raise ValueError(f"The message kind {name!r} is registered twice, differently.")
    _kinds[name] = registered
    return registered


def reminder(function: Reminder) -> Reminder:
    """Register a reminder function under its dotted name; the sweep calls each one."""
    _reminders[f"{function.__module__}.{function.__qualname__}"] = function
    return function


def person_roles(function: RolesOf) -> RolesOf:
    """Register a function naming the roles a person holds now (as `Kind.roles` names them);
    a person's roles are the union of what every registered function says."""
    _roles_of[f"{function.__module__}.{function.__qualname__}"] = function
    return function


def roles_of(person) -> set[str]:
    held: set[str] = set()
    for function in _roles_of.values():
        held |= function(person)
    return held


def get_kind(name: str) -> Kind:
    try:
        return _kinds[name]
    except KeyError:
        raise ValueError(
            f"Unknown message kind {name!r}: register it with notifications.registry.kind() "
            "in the app's reminders.py."
        ) from None


def kinds() -> dict[str, Kind]:
    return dict(_kinds)


def optional_kinds() -> list[Kind]:
    return sorted((k for k in _kinds.values() if k.optional), key=lambda k: k.label)


def optional_kinds_for(person) -> list[Kind]:
    """The kinds `person` may turn off among those their roles can receive."""
    held = roles_of(person)
    return [k for k in optional_kinds() if not k.roles or k.roles & held]


def reminders() -> dict[str, Reminder]:
    return dict(_reminders)


def autodiscover() -> None:
    """Import every installed app's `reminders` module (called once, from ready())."""
    autodiscover_modules("reminders")


# Parts of the email choices page that belong to other apps (a round's followers live in
# programs): each is given the request and returns safe HTML, shown below the kinds.
PreferencesSection = Callable[[Any], str]

_preferences_sections: dict[str, PreferencesSection] = {}


def preferences_section(function: PreferencesSection) -> PreferencesSection:
    """Register a part of the email choices page under its dotted name."""
    _preferences_sections[f"{function.__module__}.{function.__qualname__}"] = function
    return function


def preferences_sections() -> list[PreferencesSection]:
    return list(_preferences_sections.values())
