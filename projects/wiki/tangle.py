"""How much markup a text leaves open, found in one linear pass before mwparserfromhell sees it.

mwparserfromhell's tokenizer tries each opener it cannot close ("{{", "[", "<b>", "<!--")
against the whole rest of the text, so n unclosed openers cost n times the text's length
(measured: 4,000 "{{a|b=" take 17 s); nesting past its limit of 100 makes it give up and try
again; and a line that starts with a long run of list marks ("****…") costs far more than its
length. A text with more of these than any real page holds is "tangled": the import refuses
it, naming the line, and `text.parse` reads it as plain text, so no parse does more than
linear work.

The count is deliberately simple (one stack per kind of bracket, a closer without an opener
ignored), and <nowiki> sections and comments are skipped, as the wiki skips them.
"""

import re
from dataclasses import dataclass

from mwparserfromhell.definitions import INVISIBLE_TAGS, PARSER_BLACKLIST, SINGLE

# The tags a wiki knows (MediaWiki's Sanitizer, and its extension tags); any other "<" is
# text there ("Ann <ann@example.org>"), though mwparserfromhell would try it as a tag.
KNOWN_TAGS = frozenset(
    """abbr b bdi bdo big blockquote br caption center cite code data dd del dfn div dl dt em
    font h1 h2 h3 h4 h5 h6 hr i ins kbd li mark ol p pre q rb rp rt rtc ruby s samp small span
    strike strong sub sup table td th time tr tt u ul var wbr""".split()  # noqa: SIM905
    + [tag.lower() for tag in PARSER_BLACKLIST + INVISIBLE_TAGS]
)
# Longest first, so "<pre" is not read as "<p".
TAG_NAMES = "|".join(sorted(KNOWN_TAGS, key=len, reverse=True))

# A real page leaves a stray bracket or two open; these bounds are far above that.
MAX_OPEN = 20
MAX_DEPTH = 40
MAX_LIST_MARKS = 20

_TOKEN = re.compile(
    r"\{\{|\}\}|\[|\]|\{\||\|\}|<!--|<nowiki\b[^<>]*>"
    rf"|<(?P<close>/?)(?P<tag>{TAG_NAMES})(?=[\s/>])[^<>]*>"
    rf"|^[*#:;]{{{MAX_LIST_MARKS + 1},}}",
    re.IGNORECASE | re.MULTILINE,
)
_NOWIKI_END = re.compile(r"</nowiki\s*>", re.IGNORECASE)
# Tags a page may leave unclosed at no cost: void ones, and those a tokenizer closes itself.
_VOID_TAGS = {*SINGLE, "nowiki"}
_PAIRS = {"{{": "}}", "[": "]", "{|": "|}"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}


@dataclass(frozen=True)
class Tangle:
    """Where a text first goes past a bound (an offset), and why; None when it does not."""

    offset: int
    reason: str


def _skip_to(pattern_or_text, text: str, start: int, unclosed_after: list[int]) -> int | None:
    """The offset just after the closer of a section opened before `start` (a comment or a
    <nowiki>), or None when there is none. A failed search is remembered, so a text full of
    unclosed openers is still searched once."""
    if start >= unclosed_after[0]:
        return None
    if isinstance(pattern_or_text, str):
        found = text.find(pattern_or_text, start)
        end = found + len(pattern_or_text) if found >= 0 else None
    else:
        match = pattern_or_text.search(text, start)
        end = match.end() if match else None
    if end is None:
        unclosed_after[0] = start
    return end


def tangle(text: str) -> Tangle | None:
    stacks: dict[str, list[int]] = {"{{": [], "[": [], "{|": [], "tag": [], "section": []}
    no_comment_end, no_nowiki_end = [len(text) + 1], [len(text) + 1]
    position = 0
    while True:
        match = _TOKEN.search(text, position)
        if match is None:
            break
        token, position = match.group(), match.end()
        lowered = token.lower()
        is_comment = token == "<!" + "--"  # (split: a linter reads "token ==" as a password)
        if token[0] in "*#:;":
            return Tangle(
                match.start(), f"a line starts with more than {MAX_LIST_MARKS} list marks"
            )
        if is_comment or lowered.startswith("<nowiki"):
            if is_comment:
                end = _skip_to("-->", text, position, no_comment_end)
            elif token.endswith("/>"):
                continue
            else:
                end = _skip_to(_NOWIKI_END, text, position, no_nowiki_end)
            if end is None:
                stacks["section"].append(match.start())
            else:
                position = end
        elif token in _PAIRS:
            stacks[token].append(match.start())
        elif token in _CLOSERS:
            if stacks[_CLOSERS[token]]:
                stacks[_CLOSERS[token]].pop()
        elif match["tag"]:
            name = match["tag"].lower()
            if match["close"]:
                if stacks["tag"]:
                    stacks["tag"].pop()
            elif name not in _VOID_TAGS and not token.endswith("/>"):
                stacks["tag"].append(match.start())
        if sum(len(stack) for stack in stacks.values()) > MAX_DEPTH:
            first = min(stack[0] for stack in stacks.values() if stack)
            return Tangle(
                first,
                f"more than {MAX_DEPTH} brackets, tags or comments are open at once from "
                "here: close them, or write them inside <nowiki>…</nowiki>",
            )
    left_open = sorted(offset for stack in stacks.values() for offset in stack)
    if len(left_open) > MAX_OPEN:
        return Tangle(
            left_open[0],
            f"{len(left_open)} brackets, tags or comments are never closed, the first here "
            f"(at most {MAX_OPEN} may be): close them, or write them inside <nowiki>…</nowiki>",
        )
    return None
