"""Hypothesis strategies for ideas as the wiki template sees them: any Unicode (but NUL, which
no database keeps), wiki syntax inside values, empty optional fields, multi-line text.

Sizes are small on purpose: every draw costs time, and the trouble lies in which characters
meet, not in how many there are."""

from hypothesis import strategies as st

from projects.wiki.data import ExtraField, IdeaData, Link, MentorEntry
from projects.wiki.fields import is_reserved_label

# Markup a value may carry, balanced or not, and look-alikes of the template's own lines.
WIKI_SYNTAX = (
    "'''x'''", "''y''", "'''", "''", "[[y]]", "[[y|z]]", "[[", "]]", "{{z}}", "{{z|a=1}}",
    "{{", "}}", "{{{p}}}", "<nowiki>", "</nowiki>", "<nowiki>a</nowiki>", "<nowiki/>",
    "=== x ===", "==", "=", "*", "**", "#", ":", ";", "|", "||", "{|", "|}", "[", "]",
    "[http://example.org y]", "https://example.org/a", "&amp;", "&lt;", "&#65;", "&nbsp;",
    "&", "<!-- c -->", "<!--", "-->", "~~~~", "<b>", "</b>", "<pre>", "</pre>", "<",
    ">", "'''Summary:'''", "'''Links:''' ", "* Skill level: ", "Mentor:", ",", ", ",
    "<a@b.org>", "(x on IRC)", " on IRC)", "(", ")", " ", "\t", "----", "__NOTOC__",
    "\u00a0", "\u2028", "\x85", "\x1c", "é", "日本語", "🦀",
)  # fmt: skip

# Markdown a description may carry, whole or in halves, and look-alikes of it.
MARKDOWN_SYNTAX = (
    "**", "*", "_", "__", "`", "``", "[a](https://example.org/b)", "[a](Features/B)",
    "[a](<GSoC 2017>)", "<https://example.org>", "](", "- ", "1. ", "2. ", "> ", "# ",
    "\\", "\\*", "~~", "![i](x.png)", "  ", "&amp;", "---", "| a |",
)  # fmt: skip

_CHARS = st.characters(exclude_characters="\x00\n\r", exclude_categories=("Cs",))
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789"


def one_line(*, min_size: int = 0, syntax: tuple = WIKI_SYNTAX) -> st.SearchStrategy[str]:
    """Text and markup interleaved: text, markup, text, markup (each part may be empty)."""
    text = st.text(_CHARS, max_size=6)
    markup = st.sampled_from(("", *syntax))
    value = st.builds("{}{}{}{}".format, text, markup, text, markup)
    return value.filter(lambda value: len(value) >= min_size) if min_size else value


def multi_line(syntax: tuple = WIKI_SYNTAX) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(one_line(syntax=syntax), st.just("")), max_size=4).map("\n".join)


def some(strategy, max_size: int = 2) -> st.SearchStrategy[tuple]:
    """Often nothing (an empty optional field), otherwise a few."""
    return st.one_of(st.just(()), st.lists(strategy, min_size=1, max_size=max_size).map(tuple))


web_address = st.builds(
    "{}://{}.org/{}".format,
    st.sampled_from(["http", "https"]),
    st.text(_LETTERS, min_size=1, max_size=6),
    st.text(_LETTERS + "_.~/-", max_size=6),
)
page_name = st.builds(
    "{}{}".format,
    st.sampled_from(["Features/", "User:", "", "GSoC "]),
    st.text(_LETTERS, min_size=1, max_size=6),
)
links = some(st.builds(Link, label=one_line(), url=st.one_of(web_address, page_name, st.just(""))))
names = some(one_line(min_size=1))
email = st.one_of(
    st.just(""),
    st.builds(
        "{}@{}.org".format,
        st.text(_LETTERS + "._+-", min_size=1, max_size=6),
        st.text(_LETTERS, min_size=1, max_size=6),
    ),
    one_line(),
)
nick = st.one_of(st.just(""), st.text(_LETTERS + "_-|^`", min_size=1, max_size=6), one_line())
mentors = some(st.builds(MentorEntry, name=one_line(), email=email, irc=nick), max_size=3)

# Unknown fields hold raw wikitext from a page, kept as it is: balanced markup, one line or
# several, each line starting with a word (a line starting with '''Label:''' or "=" would have
# been a field or heading of its own on that page).
_RAW_PIECES = ("word", "'''bold'''", "''it''", "[[Page]]", "{{Tmpl|a}}", "[https://example.org x]",
               "<code>c</code>", "&amp;", ", ", ": ", " * ", "é")  # fmt: skip
raw_line = st.builds(
    lambda word, pieces: (word + "".join(pieces)).strip(),
    st.text(_LETTERS, min_size=1, max_size=5),
    st.lists(st.sampled_from(_RAW_PIECES), max_size=3),
)
raw_value = st.lists(raw_line, min_size=1, max_size=3).map("\n".join)
label = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=6).filter(
    lambda text: not is_reserved_label(text)
)
extra_fields = some(st.builds(ExtraField, label=label, value=raw_value))

ideas = st.builds(
    IdeaData,
    title=one_line(min_size=1),
    summary=one_line(min_size=1),
    description=multi_line(WIKI_SYNTAX + MARKDOWN_SYNTAX),
    links=links,
    skill_level=st.sampled_from(["", "beginner", "intermediate", "advanced"]),
    languages=names,
    skills=names,
    expected_hours=st.one_of(st.none(), st.integers(0, 10_000)),
    mentors=mentors,
    suggested_by=one_line(),
    starter_tasks=links,
    extra_fields=extra_fields,
)

# Descriptions in the Markdown the idea form offers (emphasis, bold, code, links to the web
# and to the organization's wiki, bulleted and numbered lists, paragraphs), written the way
# the converter writes it back: each must reach the wiki as wiki markup, not escaped.
_word = st.text(_LETTERS, min_size=1, max_size=6)
_inline = st.one_of(
    _word,
    _word.map("**{}**".format),
    _word.map("*{}*".format),
    _word.map("`{}`".format),
    st.builds("[{}]({})".format, _word, web_address),
    st.builds("[{}]({})".format, _word, page_name.filter(lambda name: " " not in name)),
)
_md_line = st.lists(_inline, min_size=1, max_size=4).map(" ".join)
_paragraph = st.lists(_md_line, min_size=1, max_size=2).map("\n".join)
_bullets = st.lists(_md_line, min_size=1, max_size=3).map(
    lambda items: "\n".join(f"- {item}" for item in items)
)
_numbered = st.lists(_md_line, min_size=1, max_size=3).map(
    lambda items: "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
)
markdown_descriptions = st.lists(
    st.one_of(_paragraph, _bullets, _numbered), min_size=1, max_size=3
).map("\n\n".join)

# The same subset as a wiki writes it, for the other way round: a page's descriptions come
# back from the site as they were written.
_wiki_inline = st.one_of(
    _word,
    _word.map("'''{}'''".format),
    _word.map("''{}''".format),
    _word.map("<code>{}</code>".format),
    st.builds("[{} {}]".format, web_address, _word),
    st.builds("[[{}|{}]]".format, page_name, _word),
    page_name.map("[[{}]]".format),
)
_wiki_line = st.lists(_wiki_inline, min_size=1, max_size=4).map(" ".join)


def _wiki_list(mark: str) -> st.SearchStrategy[str]:
    return st.lists(_wiki_line, min_size=1, max_size=3).map(
        lambda items: "\n".join(f"{mark} {item}" for item in items)
    )


wiki_descriptions = st.lists(
    st.one_of(
        st.lists(_wiki_line, min_size=1, max_size=2).map("\n".join),
        _wiki_list("*"),
        _wiki_list("#"),
    ),
    min_size=1,
    max_size=3,
).map("\n\n".join)
