"""Descriptions between Markdown (as mentors write them on the site) and MediaWiki.

The subset the idea form offers is converted both ways, line by line:

    Markdown                      MediaWiki
    *emphasis*                    ''emphasis''
    **bold**                      '''bold'''
    `code`                        <code>code</code>
    [label](https://example.org)  [https://example.org label]
    [label](Features/Page)        [[Features/Page|label]]   (a page of the organization's wiki)
    <https://example.org>         [https://example.org]
    - item                        * item
    1. item, 2. item              # item, # item
    a blank line                  a blank line (paragraphs)

Lossless by construction: a line is written converted only when reading the converted line
back gives exactly the line typed; otherwise it is written as one <nowiki> section, which the
importer takes back as Markdown as it is. So `to_markdown(to_wiki(text)) == text` for any
text, and the Markdown people write (the table above) reaches the wiki as wiki markup.
Reading a page written on the wiki, text is escaped where Markdown would read it as markup,
and markup outside the subset ({{templates}}, other tags) stays as literal text.
"""

import re
from functools import cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from mwparserfromhell.nodes import Comment, ExternalLink, HTMLEntity, Tag, Text, Wikilink

from projects.wiki.text import (
    decode_nodes,
    escape,
    is_nowiki,
    leaves_opener,
    parse,
    reads_as_itself,
)

# Schemes a wiki makes external links of; any other address is a page of the wiki.
_EXTERNAL = re.compile(r"(?:https?|ftp|mailto|irc|ircs|git|news):", re.IGNORECASE)
_BULLET_MD = re.compile(r"- (?=\S)")
_NUMBER_MD = re.compile(r"(\d{1,9})\. (?=\S)")
# What Markdown may read as markup inside a line: escaped with a backslash.
_MD_SPECIAL = re.compile(r"[\\`*\[\]~]|<(?=[A-Za-z/!?])|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
# Characters that may make markup, and how many a line to convert may hold.
_MARKS = re.compile(r"[*_`\[\]<>&'{}|~!\\]")
MARKS_MAX = 300
# What would start a block in Markdown at the start of a line of text.
_MD_BLOCK_START = re.compile(r"[#>+=|-]|\d+[.)]")
_STYLE = {"''": "*", "'''": "**"}


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
        ["table", "strikethrough"]
    )


# --- MediaWiki to Markdown ---------------------------------------------------------------------


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(lambda match: "\\" + match.group(), text)


def _code_span(code: str) -> str:
    runs = [len(run) for run in re.findall(r"`+", code)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if code.startswith(("`", " ")) or code.endswith(("`", " ")) else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _md_destination(url: str) -> str:
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _md_inline(nodes) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(_md_text(node.value))
        elif isinstance(node, HTMLEntity) or is_nowiki(node):
            parts.append(_md_text(decode_nodes([node])))
        elif isinstance(node, Tag) and node.wiki_markup in _STYLE:
            mark = _STYLE[node.wiki_markup]
            parts.append(mark + _md_inline(node.contents.nodes) + mark)
        elif isinstance(node, Tag) and str(node.tag).lower() == "code" and not node.self_closing:
            parts.append(_code_span(decode_nodes(node.contents.nodes)))
        elif isinstance(node, ExternalLink) and node.brackets:
            url = str(node.url)
            if node.title is None:
                parts.append(f"<{url}>")
            else:
                parts.append(f"[{_md_inline(node.title.nodes)}]({_md_destination(url)})")
        elif isinstance(node, Wikilink):
            page = str(node.title).strip()
            label = _md_inline(node.text.nodes) if node.text is not None else _md_text(page)
            parts.append(f"[{label}]({_md_destination(page)})")
        elif isinstance(node, Comment):  # hidden on the wiki; Markdown shows it as text
            parts.append(str(node))
        else:  # markup Markdown has no word for: kept as the text it is written with
            parts.append(_md_text(str(node)))
    return "".join(parts)


def _md_body(raw: str) -> str:
    line = _md_inline(parse(raw).nodes)
    if _MD_BLOCK_START.match(line):
        digits = len(line) - len(line.lstrip("0123456789"))
        line = line[:digits] + "\\" + line[digits:]
    return line


def markdown_line(raw: str, ordinal: int) -> tuple[str, int]:
    """One line of a description on the wiki as Markdown, given how many numbered items came
    just before it; and that number for the next line."""
    if not raw.strip():
        return "", 0
    nodes = parse(raw).nodes
    if len(nodes) == 1 and is_nowiki(nodes[0]):  # Markdown the wiki has no words for
        return decode_nodes(nodes), 0
    if raw.startswith("#") and not raw.startswith("##"):
        return f"{ordinal + 1}. " + _md_body(raw[1:].lstrip(" ")), ordinal + 1
    if raw.startswith("*") and not raw.startswith("**"):
        return "- " + _md_body(raw[1:].lstrip(" ")), 0
    return _md_body(raw), 0


def to_markdown(lines: list[str]) -> str:
    """A description's lines on the wiki (blank lines at either end removed) as Markdown."""
    out, ordinal = [], 0
    for raw in lines:
        line, ordinal = markdown_line(raw, ordinal)
        out.append(line)
    return "\n".join(out)


# --- Markdown to MediaWiki ---------------------------------------------------------------------


def _wiki_text(text: str) -> str:
    """Text as it is when a wiki shows it as it is (blanks inside a line are fine; an
    apostrophe is, unless two make italics), else escaped. The whole line is read back
    after, so a piece that would combine with its neighbours is caught there."""
    written = text.replace("<", "&lt;")  # a "<" alone is text on a wiki, but may open a tag
    core = written.strip()
    if not core:
        return text
    code = parse(core)
    if decode_nodes(code.nodes) == text.strip() and not leaves_opener(code) and "''" not in text:
        return written
    return escape(text)


def _wiki_inline(tokens) -> str | None:
    """Markdown's inline tokens as wiki markup; None when one is outside the subset."""
    parts: list[str] = []
    link: dict | None = None  # the link being written: its address and where its label starts
    for token in tokens:
        kind = token.type
        if kind in ("text", "text_special"):
            parts.append(_wiki_text(token.content))
        elif kind in ("em_open", "em_close") and token.markup == "*":
            parts.append("''")
        elif kind in ("strong_open", "strong_close") and token.markup == "**":
            parts.append("'''")
        elif kind == "code_inline" and token.markup == "`":
            content = token.content
            parts.append("<code>" + (content if reads_as_itself(content) else escape(content)))
            parts.append("</code>")
        elif kind == "link_open" and link is None:
            link = {"href": token.attrs.get("href", ""), "auto": token.markup, "at": len(parts)}
        elif kind == "link_close" and link is not None:
            label = "".join(parts[link["at"] :])
            del parts[link["at"] :]
            href = str(link["href"])
            if link["auto"] == "autolink":
                parts.append(f"[{href}]")
            elif _EXTERNAL.match(href):
                parts.append(f"[{href} {label}]" if label else f"[{href}]")
            elif label == unquote(href):
                parts.append(f"[[{label}]]")
            else:
                parts.append(f"[[{unquote(href)}|{label}]]")
            link = None
        else:
            return None
    return "".join(parts)


def _converted(line: str, ordinal: int) -> str | None:
    """The line as wiki markup, or None when it has something the subset does not (or more
    marks than a line of prose holds: such a line is written as it is, sparing the
    conversion's work)."""
    if len(_MARKS.findall(line)) > MARKS_MAX:
        return None
    prefix, body = "", line
    bullet, number = _BULLET_MD.match(line), _NUMBER_MD.match(line)
    if bullet:
        prefix, body = "* ", line[bullet.end() :]
    elif number and int(number.group(1)) == ordinal + 1:
        prefix, body = "# ", line[number.end() :]
    if not body or body != body.strip():
        return None
    tokens = _markdown().parseInline(body)[0].children or []
    inline = _wiki_inline(tokens)
    return None if inline is None else prefix + inline


def wiki_line(line: str, ordinal: int, reads_back) -> tuple[str, int]:
    """One line of Markdown as a line of the wiki, given how many numbered items the reader
    will have counted before it: converted when that reads back as the line (and
    `reads_back(written)` agrees, for the caller's context), else escaped."""
    written = _converted(line, ordinal) if line else None
    if written is not None and reads_back(written):
        back, next_ordinal = markdown_line(written, ordinal)
        if back == line:
            return written, next_ordinal
    written = escape(line)
    return written, markdown_line(written, ordinal)[1]
