"""An idea as exactly the template's MediaWiki markup.

    === TITLE ===

    '''Summary:''' Short description of the project

    Detailed description of the project.

    '''Links:'''
    * [https://example.org/ External links] or [[Wiki page|wiki links]]

    '''Details:'''
    * Skill level: beginner or intermediate or advanced
    * Language: C, Python
    * Mentors: Name <email> (nick on IRC), Name (nick on IRC)
    * Suggested by: Person who suggested the idea
    * Expected size: 175 hours
    * Skills: ...
    * Unknown field: kept as written

    '''Starter tasks:'''
    * [https://example.org/issue/1 A small first contribution]

Body lines start at the margin. The design document shows the template with one space
before each body line, as QEMU's page shows it: there the template sits in a preformatted
block, and in MediaWiki a line that starts with a space *is* preformatted text. The real
ideas above it on that page start at the margin, so we write them that way (and the parser
accepts a block whose every body line is indented by one space, as pasted from the
template).

Only our additions are new: Expected size and Skills as further Details bullets, and
'''Starter tasks:''' as its own list. Parts without a value are left out (a '''Details:'''
header without bullets would read as a block cut in half). Fields of an imported page that
the site does not model come back as written: one-line ones as Details bullets, longer
ones as bold-labelled parts after the template's own.

Free text is written as typed, wiki markup included, and wrapped in <nowiki> only where the
parser (or a wiki) would otherwise read it differently: see projects.wiki.text.
"""

import re
from urllib.parse import quote

from projects.wiki import fields
from projects.wiki.data import ExtraField, IdeaData, Link, MentorEntry
from projects.wiki.markdown import wiki_line
from projects.wiki.text import escape, leaves_opener, parse, plain_or_escaped, reads_as_itself

# Schemes MediaWiki turns into external links; anything else is a wiki page name.
_EXTERNAL = re.compile(r"(https?|ftp|mailto|irc|ircs|git|news):", re.IGNORECASE)
# What stays as it is in an address; the rest is percent-encoded, as browsers do.
_URL_SAFE = "/:?#@!$&'()*+,;=%~-._"
_SAFE_EMAIL = re.compile(r"[A-Za-z0-9._%+=!#$*?^~-]+@[A-Za-z0-9.-]+")
_SAFE_NICK = re.compile(r"[A-Za-z0-9_\-\\^.|]+")


def _heading(text: str, level: int) -> str:
    marks = "=" * level

    def reads_back(written: str) -> bool:
        nodes = parse(f"{marks} {written} {marks}").nodes
        return (
            len(nodes) == 1
            and getattr(nodes[0], "level", None) == level
            and fields.read_text(str(nodes[0].title)) == text
        )

    written = plain_or_escaped(text, reads_back) if text else escape(text)
    return f"{marks} {written} {marks}"


def _bold_line(label: str, value_raw: str) -> str:
    line = f"'''{label}:'''"
    return f"{line} {value_raw}" if value_raw else line


def _summary(summary: str) -> str:
    def reads_back(written: str) -> bool:
        read = fields.read_label_line(_bold_line("Summary", written))
        return read is not None and read[0] == "Summary" and fields.read_text(read[1]) == summary

    return _bold_line("Summary", plain_or_escaped(summary, reads_back) if summary else "")


def _plain_line(written: str) -> bool:
    """Whether a written line of description reads back as one line of it: not a heading,
    not the start of another part, nothing left open for a later line to close."""
    return (
        not written.startswith(("=", " "))
        and "\r" not in written  # a page's line break once read
        and fields.read_label_line(written) is None
        and not leaves_opener(parse(written))
    )


def _description(description: str) -> list[str]:
    """The Markdown description as wiki lines (projects.wiki.markdown)."""
    lines = description.split("\n")
    last = len(lines) - 1
    written, ordinal = [], 0
    for i, line in enumerate(lines):
        if not line:
            # A blank line separates paragraphs; at either end it would be taken for the
            # blank line around the description, so there it is an empty <nowiki> section.
            written.append(escape("") if i in (0, last) else "")
            ordinal = 0
            continue
        wiki, ordinal = wiki_line(line, ordinal, _plain_line)
        written.append(wiki)
    return written


def _detail(label: str, value_raw: str) -> str:
    return f"* {label}: {value_raw}"


def _detail_text(label: str, value: str) -> str:
    def reads_back(written: str) -> bool:
        read = fields.read_detail(_detail(label, written)[2:])
        return read is not None and fields.read_text(read[1]) == value

    return _detail(label, plain_or_escaped(value, reads_back))


def _names(names: tuple[str, ...]) -> str:
    written = ", ".join(
        plain_or_escaped(name, lambda w, n=name: fields.read_names(w) == [n]) for name in names
    )
    if fields.read_names(written) == list(names):
        return written
    # Names that read back alone may still pair up on one line ("''", then "''" again).
    return ", ".join(escape(name) for name in names)


def _mentor(entry: MentorEntry, *, escape_name: bool = False) -> str:
    """ "Name <email> (nick on IRC)"; an address or nick a page could misread is escaped."""
    email = entry.email if _SAFE_EMAIL.fullmatch(entry.email) else escape(entry.email)
    irc = entry.irc if _SAFE_NICK.fullmatch(entry.irc) else escape(entry.irc)
    contact = (f" <{email}>" if entry.email else "") + (f" ({irc} on IRC)" if entry.irc else "")
    if not escape_name and reads_as_itself(entry.name):
        written = (entry.name + contact).strip()
        if fields.read_mentors(written) == [entry]:
            return written
    return (escape(entry.name) + contact).strip()


def _mentors(mentors: tuple[MentorEntry, ...]) -> str:
    label = "Mentor" if len(mentors) == 1 else "Mentors"
    written = ", ".join(_mentor(entry) for entry in mentors)
    if fields.read_mentors(written) != list(mentors):
        written = ", ".join(_mentor(entry, escape_name=True) for entry in mentors)
    return _detail(label, written)


def _link(link: Link) -> str:
    url = link.url
    if not url:
        return plain_or_escaped(
            link.label, lambda w: fields.read_links(w).links == [Link(link.label, "")]
        )
    external = bool(_EXTERNAL.match(url))
    if external and not _reads_as_link(f"[{url}]", Link("", url)):
        url = quote(url, safe=_URL_SAFE)  # a wiki cannot hold it as typed
    expected = Link(link.label, url)

    def written_with(label: str) -> str:
        if external:
            return f"[{url} {label}]" if label else f"[{url}]"
        return f"[[{url}|{label}]]" if label else f"[[{url}]]"

    if link.label and reads_as_itself(link.label):
        candidate = written_with(link.label)
        if _reads_as_link(candidate, expected):
            return candidate
    return written_with(escape(link.label) if link.label else "")


def _reads_as_link(written: str, expected: Link) -> bool:
    return fields.read_links(written).links == [expected]


def _list_part(title: str, links: tuple[Link, ...]) -> list[str]:
    return [f"'''{title}:'''", *(f"* {_link(link)}" for link in links)]


def _extra_label(label: str) -> str:
    return plain_or_escaped(label, lambda w: ":" not in w and "'" not in w)


def _extra_detail(extra: ExtraField) -> str:
    return _detail(_extra_label(extra.label), extra.value)


def _extra_part(extra: ExtraField) -> list[str]:
    first, *rest = extra.value.split("\n")
    if rest:
        return [_bold_line(_extra_label(extra.label), ""), first, *rest]
    return [_bold_line(_extra_label(extra.label), first)]


def _split_extras(extras: tuple[ExtraField, ...]) -> tuple[list[ExtraField], list[ExtraField]]:
    """One-line fields go under Details until the first longer one; from there on each is a
    part of its own, so the fields come back in the order they were given."""
    for i, extra in enumerate(extras):
        if "\n" in extra.value:
            return list(extras[:i]), list(extras[i:])
    return list(extras), []


def _details(data: IdeaData, extras: list[ExtraField]) -> list[str]:
    bullets = []
    if data.skill_level:
        bullets.append(_detail_text("Skill level", data.skill_level))
    if data.languages:
        bullets.append(_detail("Language", _names(data.languages)))
    if data.mentors:
        bullets.append(_mentors(data.mentors))
    if data.suggested_by:
        bullets.append(_detail_text("Suggested by", data.suggested_by))
    if data.expected_hours is not None:
        bullets.append(_detail("Expected size", f"{data.expected_hours} hours"))
    if data.skills:
        bullets.append(_detail("Skills", _names(data.skills)))
    bullets += [_extra_detail(extra) for extra in extras]
    return ["'''Details:'''", *bullets] if bullets else []


def render_idea(data: IdeaData) -> str:
    """One idea as a template block (no trailing newline)."""
    in_details, as_parts = _split_extras(data.extra_fields)
    parts = [[_heading(data.title, 3)], [_summary(data.summary)]]
    if data.description:
        parts.append(_description(data.description))
    if data.links:
        parts.append(_list_part("Links", data.links))
    parts.append(_details(data, in_details))
    if data.starter_tasks:
        parts.append(_list_part("Starter tasks", data.starter_tasks))
    parts += [_extra_part(extra) for extra in as_parts]
    return "\n\n".join("\n".join(part) for part in parts if part)


def render_page(ideas: list[IdeaData], heading: str | None = None) -> str:
    """Ideas one after the other, under an optional level-2 heading, ending with a newline."""
    blocks = [render_idea(idea) for idea in ideas]
    if heading:
        blocks.insert(0, _heading(heading, 2))
    return "\n\n".join(blocks) + "\n" if blocks else ""
