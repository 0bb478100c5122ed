"""The template's labels and the readers of its lines, shared by the parser and the renderer.

The renderer writes a line, then reads it back with these same functions before choosing
whether a value needs escaping, so what it writes is by construction what the parser reads.

Every reader takes raw wikitext of one line (or part of one) and finds delimiters (":",
",", "<", "(") only in plain text: positions come from `text.masked`, where markup nodes are
blanked out, so a comma inside a <nowiki> section or a [[link|label, with comma]] never
splits a list.
"""

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import ExternalLink, Tag, Text, Wikilink

from projects.wiki.data import Link, MentorEntry
from projects.wiki.text import decode, decode_nodes, masked, parse


def normal_label(label: str) -> str:
    return " ".join(label.split()).casefold()


# Bold labels that start a part of a block ('''Summary:''' ...).
SUMMARY, LINKS, DETAILS, STARTER_TASKS = "summary", "links", "details", "starter_tasks"
PART_LABELS = {
    "summary": SUMMARY,
    "links": LINKS,
    "link": LINKS,
    "details": DETAILS,
    "starter tasks": STARTER_TASKS,
    "starter task": STARTER_TASKS,
}
PART_TITLES = {
    SUMMARY: "Summary",
    LINKS: "Links",
    DETAILS: "Details",
    STARTER_TASKS: "Starter tasks",
}

# Bullets under '''Details:''': the spellings real pages use, to the field they fill.
SKILL_LEVEL, LANGUAGES, MENTORS, SUGGESTED_BY, EXPECTED_HOURS, SKILLS = (
    "skill_level",
    "languages",
    "mentors",
    "suggested_by",
    "expected_hours",
    "skills",
)
DETAIL_LABELS = {
    "skill level": SKILL_LEVEL,
    "language": LANGUAGES,
    "languages": LANGUAGES,
    "language(s)": LANGUAGES,
    "programming language": LANGUAGES,
    "programming languages": LANGUAGES,
    "mentor": MENTORS,
    "mentors": MENTORS,
    "mentor(s)": MENTORS,
    "co-mentor": MENTORS,
    "co-mentors": MENTORS,
    "suggested by": SUGGESTED_BY,
    "expected size": EXPECTED_HOURS,
    "expected size of project": EXPECTED_HOURS,
    "project size": EXPECTED_HOURS,
    "size": EXPECTED_HOURS,
    "skills": SKILLS,
    "skill": SKILLS,
    "required skills": SKILLS,
}
# Fields that may be given once per block; lists (languages, skills, mentors) add up.
SINGLE_DETAILS = (SKILL_LEVEL, SUGGESTED_BY, EXPECTED_HOURS)
DETAIL_TITLES = {
    SKILL_LEVEL: "Skill level",
    LANGUAGES: "Language",
    MENTORS: "Mentor",
    SUGGESTED_BY: "Suggested by",
    EXPECTED_HOURS: "Expected size",
    SKILLS: "Skills",
}


def is_reserved_label(label: str) -> bool:
    """A label the template gives a meaning to: an unknown field cannot be called this."""
    return normal_label(label) in PART_LABELS or normal_label(label) in DETAIL_LABELS


# --- Lines ------------------------------------------------------------------------------------


def read_label_line(raw: str) -> tuple[str, str] | None:
    """ "'''Label:''' rest" (or "'''Label''': rest") → (label, raw rest); None otherwise."""
    nodes = parse(raw).nodes
    if not nodes or not (isinstance(nodes[0], Tag) and nodes[0].wiki_markup == "'''"):
        return None
    bold = nodes[0]
    inner = decode_nodes(bold.contents.nodes).strip()
    rest = raw[len(str(bold)) :]
    if inner.endswith(":"):
        label = inner[:-1].strip()
    elif rest.startswith(":"):
        label, rest = inner, rest[1:]
    else:
        return None
    return (label, rest) if label else None


def read_bullet(raw: str) -> str | None:
    """ "* body" → the raw body; None when the line is not a bullet."""
    if not raw.startswith("*"):
        return None
    return raw[1:].strip()


def read_detail(body: str) -> tuple[str, str] | None:
    """A Details bullet's body, "Label: value" or "'''Label:''' value", → (label, raw value)."""
    bold = read_label_line(body)
    if bold is not None:
        return bold[0], bold[1].strip()
    colon = masked(body).find(":")
    if colon <= 0:
        return None
    label = decode(body[:colon].strip()).strip()
    return (label, body[colon + 1 :].strip()) if label else None


def split_list(raw: str) -> list[str]:
    """ "a, b, c" → the raw items, stripped, empty ones dropped; commas inside markup stay."""
    items, start = [], 0
    shadow = masked(raw)
    for position, char in enumerate(shadow + ","):
        if char == ",":
            item = raw[start:position].strip()
            if item:
                items.append(item)
            start = position + 1
    return items


def read_text(raw: str) -> str:
    return decode(raw.strip())


def read_names(raw: str) -> list[str]:
    """Languages or skills."""
    return [name for name in (read_text(item) for item in split_list(raw)) if name]


# --- Mentors: "Name <email> (nick on IRC)", as on QEMU's pages -------------------------------

# Read from the end, each part found by the last "(" or "<" (which neither part may hold),
# so reading costs one pass: a pattern with optional parts and blanks between them, under
# fullmatch, would try every split of a long run of spaces (cubic).
_IRC = re.compile(r"\(([^()\s]*)\s+on\s+IRC\)", re.IGNORECASE)
_EMAIL = re.compile(r"<([^<>\s]*)>")
_Span = tuple[int, int]


def _last_part(text: str, end: int, opener: str, pattern: re.Pattern) -> tuple[_Span, int] | None:
    """The span of the group of `pattern` when text[:end] ends with it (its start is the last
    `opener`), and where the part starts; None otherwise."""
    start = text.rfind(opener, 0, end)
    if start < 0:
        return None
    match = pattern.fullmatch(text, start, end)
    return (match.span(1), start) if match else None


def split_mentor(text: str) -> tuple[_Span, _Span | None, _Span | None]:
    """The spans of name, email and IRC nick in "Name <email> (nick on IRC)" (each part but
    the name optional, blanks between them optional), in a stripped text."""
    end = len(text)
    irc = email = None
    found = _last_part(text, end, "(", _IRC)
    if found:
        irc, end = found
        end = len(text[:end].rstrip())
    found = _last_part(text, end, "<", _EMAIL)
    if found:
        email, end = found
        end = len(text[:end].rstrip())
    return (0, end), email, irc


def _text_of(raw: str, span: _Span | None) -> str:
    return read_text(raw[span[0] : span[1]]) if span else ""


def read_mentor(raw: str) -> MentorEntry:
    raw = raw.strip()
    name, email, irc = split_mentor(masked(raw))
    return MentorEntry(name=_text_of(raw, name), email=_text_of(raw, email), irc=_text_of(raw, irc))


def read_mentors(raw: str) -> list[MentorEntry]:
    return [read_mentor(item) for item in split_list(raw)]


# --- Links: [https://address label], [[Wiki page|label]], or a text alone ------------------

_SEPARATORS = re.compile(r"[\s,;|\u2013\u2014-]*")  # dashes too


@dataclass(frozen=True)
class LinkReading:
    links: list[Link]
    problem: str = ""


def _link_of(node) -> Link:
    if isinstance(node, ExternalLink):
        label = read_text(str(node.title)) if node.title is not None else ""
        return Link(label=label, url=str(node.url))
    label = read_text(str(node.text)) if node.text is not None else ""
    return Link(label=label, url=str(node.title).strip())


def read_links(body: str) -> LinkReading:
    """One bullet of '''Links:''' or '''Starter tasks:'''.

    A bullet that is one link gives that link; text around a single link becomes part of its
    label ("QMP reference: [https://… qmp-commands.txt]"); several links separated by commas
    give one each; a bullet without a link is a text alone (a starter task without address).
    """
    nodes = parse(body).nodes
    links = [node for node in nodes if isinstance(node, ExternalLink | Wikilink)]
    if not links:
        return LinkReading([Link(label=read_text(body), url="")])
    around = [node for node in nodes if not isinstance(node, ExternalLink | Wikilink)]
    around_text = decode_nodes(around)
    if len(links) == 1:
        link = _link_of(links[0])
        if not around_text.strip():
            return LinkReading([link])
        label = "".join(
            (link.label or link.url) if node is links[0] else decode_nodes([node]) for node in nodes
        )
        return LinkReading([Link(label=" ".join(label.split()), url=link.url)])
    if all(isinstance(node, Text) for node in around) and _SEPARATORS.fullmatch(around_text):
        return LinkReading([_link_of(node) for node in links])
    return LinkReading(
        [_link_of(node) for node in links],
        problem="several links with text around them in one bullet: give each link its own bullet",
    )
