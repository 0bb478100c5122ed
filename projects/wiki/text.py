"""Wikitext fragments to plain text and back: the codec under render and parse.

Reading a fragment *decodes* only what a wiki shows differently from how it is typed and
that an author never means as markup of their own: <nowiki> sections (their content, with
its entities resolved) and HTML entities (``&amp;`` is "&"). Everything else (''italics'',
[[links]], {{templates}}, <code>, comments) stays exactly as written: it is the author's
markup, kept as text here and written back unchanged, so a page survives import and export.

Writing a value escapes it, as one <nowiki> section, only when a page would read it back
differently: the callers try the value as it is, read it back with the parser's own
functions, and escape when that does not give the value again. Inside our <nowiki> sections
"&", "<", ">" and line breaks are entities, so a literal "</nowiki>" cannot end one early and
the section never spans lines.
"""

import html
import re
from functools import lru_cache

import mwparserfromhell
from mwparserfromhell.nodes import Comment, HTMLEntity, Node, Tag, Text
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

from projects.wiki.tangle import TAG_NAMES, tangle

# Stands in for the characters of markup nodes in `masked`, so delimiters inside them
# (a comma in a <nowiki>, a colon in a link) are invisible to the field readers. Values
# never contain NUL (PostgreSQL refuses it), and pages have theirs replaced on input.
MASK = "\x00"

# Openers that a wiki pairs with a closer on a later line: left unclosed in a line we write,
# one would swallow the lines after it (headings included). "~~~" becomes a signature
# when someone saves the page.
_UNCLOSED_OPENERS = ("<", "{{", "[[", "{|", "~~~")

# Characters where mwparserfromhell may start markup; a fragment without any is plain text.
_MARKUP = re.compile(r"[{}\[\]<>|=&'\"#*;:/\-!\n]")

# A "<" that starts no tag a wiki knows, nor a comment: mwparserfromhell would try each as a
# tag and look for its end through the rest of the text (a page of mentors' addresses costs
# the square of its length), so it is hidden from the tokenizer and put back after.
_STRAY_ANGLE = re.compile(rf"<(?!!--|/?(?:{TAG_NAMES})(?![A-Za-z0-9]))", re.IGNORECASE)
# What stands in for a stray "<" while the tokenizer reads (a character of the Unicode
# private use area, which no page means as markup; a text that holds it is read as it is).
_STAND_IN = "\ue000"

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;", "\r": "&#13;"}


@lru_cache(maxsize=4096)
def parse(raw: str, *, skip_style_tags: bool = False) -> Wikicode:
    """The fragment's nodes. Cached, since the renderer reads back what it writes and the
    parser then reads it again: callers never change the tree.

    A tangled fragment (see projects.wiki.tangle) is read as plain text, unparsed: the
    import refuses such a page before it gets here, and the renderer then escapes it."""
    if tangle(raw) is not None:
        return Wikicode(SmartList([Text(raw)]))
    calm = raw
    if "<" in raw and _STAND_IN not in raw:
        calm = _STRAY_ANGLE.sub(_STAND_IN, raw)
    code = mwparserfromhell.parse(calm, skip_style_tags=skip_style_tags)
    if calm != raw:
        for node in code.ifilter(recursive=True):
            if isinstance(node, Text) and _STAND_IN in node.value:
                node.value = node.value.replace(_STAND_IN, "<")
            elif isinstance(node, Comment) and _STAND_IN in node.contents:
                node.contents = node.contents.replace(_STAND_IN, "<")
    return code


def is_nowiki(node: Node) -> bool:
    return isinstance(node, Tag) and str(node.tag).strip().lower() == "nowiki"


def _entity(node: HTMLEntity) -> str:
    """The character an entity stands for; the entity as typed if it names none we can keep
    (NUL, a lone surrogate)."""
    try:
        char = node.normalize()
    except (ValueError, OverflowError):
        return str(node)
    if char == MASK or any(0xD800 <= ord(c) <= 0xDFFF for c in char):
        return str(node)
    return char


def decode_nodes(nodes) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.value)
        elif isinstance(node, HTMLEntity):
            parts.append(_entity(node))
        elif is_nowiki(node):
            parts.append("" if node.self_closing else html.unescape(str(node.contents)))
        else:
            parts.append(str(node))
    return "".join(parts)


def decode(raw: str) -> str:
    """The text a fragment stands for (see the module's docstring)."""
    if "&" not in raw and "<" not in raw:
        return raw  # no entity and no <nowiki>: nothing to decode
    return decode_nodes(parse(raw).nodes)


def masked(raw: str) -> str:
    """The fragment with every markup node blanked out by MASK, character for character, so
    positions found in it are positions in `raw`."""
    if not _MARKUP.search(raw):
        return raw
    return "".join(
        node.value if isinstance(node, Text) else MASK * len(str(node)) for node in parse(raw).nodes
    )


def escape(value: str) -> str:
    """The value as one <nowiki> section that reads back as exactly the value."""
    return "<nowiki>" + "".join(_ESCAPES.get(char, char) for char in value) + "</nowiki>"


def leaves_opener(code: Wikicode) -> bool:
    """Whether plain text in the fragment (at any depth) holds something a wiki could pair
    with a later line."""
    return any(
        opener in node.value
        for node in code.filter_text(recursive=True)
        for opener in _UNCLOSED_OPENERS
    )


def reads_as_itself(value: str) -> bool:
    """Whether the value, written as it is, reads back as itself wherever a value goes: one
    line, no surrounding blanks (readers strip them), nothing decoded, nothing left open."""
    if "\n" in value or "\r" in value or value != value.strip():
        return False
    code = parse(value)
    return decode_nodes(code.nodes) == value and not leaves_opener(code)


def plain_or_escaped(value: str, reads_back=None) -> str:
    """The value as it is when it reads back as itself (and `reads_back(written)` agrees,
    for the caller's context), otherwise escaped."""
    if reads_as_itself(value) and (reads_back is None or reads_back(value)):
        return value
    return escape(value)
