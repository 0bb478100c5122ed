"""An idea as the wiki template sees it: plain values, no database.

Rendering takes one of these, parsing gives them back, and `render |> parse` is the identity
(a property test holds the two to that). Views and services convert to and from ProjectIdea.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # an http(s) address, or a wiki page name for an internal link


@dataclass(frozen=True)
class MentorEntry:
    """A mentor as written on the page: a display name and the contact they chose."""

    name: str
    email: str = ""
    irc: str = ""


@dataclass(frozen=True)
class ExtraField:
    """A template field this site does not model, kept verbatim (raw wikitext)."""

    label: str
    value: str


@dataclass(frozen=True)
class IdeaData:
    title: str
    summary: str = ""
    description: str = ""
    links: tuple[Link, ...] = ()
    skill_level: str = ""  # "", "beginner", "intermediate" or "advanced"
    languages: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    expected_hours: int | None = None
    mentors: tuple[MentorEntry, ...] = ()
    suggested_by: str = ""
    starter_tasks: tuple[Link, ...] = ()
    extra_fields: tuple[ExtraField, ...] = field(default=())
    # Where the idea's block starts on a parsed page (1-based); not part of what the idea
    # says, so two ideas with the same fields are equal wherever they stand.
    line: int | None = field(default=None, compare=False, repr=False)
