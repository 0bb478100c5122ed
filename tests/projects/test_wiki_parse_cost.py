"""The parser's cost grows with the page, no faster: pages built to make it work for minutes
are read or refused in a blink, each cap is named with its line, and a page twice as large
takes about twice as long."""

import gc
import time

import pytest

from projects.wiki import text
from projects.wiki.data import IdeaData, MentorEntry
from projects.wiki.parse import (
    BLOCK_MAX_LINES,
    IDEAS_MAX,
    LINE_MAX_CHARS,
    PAGE_MAX_CHARS,
    parse_page,
)
from projects.wiki.render import render_idea
from projects.wiki.tangle import MAX_DEPTH, MAX_OPEN
from tests.projects.wiki_pages import EMPTY_BLOCKS, LONG_SIZE, PADDED_MENTOR


def timed(page: str):
    text.parse.cache_clear()  # the page's nodes are cached: measure the parse itself
    start = time.perf_counter()
    result = parse_page(page)
    return result, time.perf_counter() - start


def test_a_mentor_padded_with_1500_spaces_reads_in_a_blink():
    result, seconds = timed(PADDED_MENTOR)

    assert seconds < 1
    assert result.problems == []
    (mentor,) = result.ideas[0].mentors
    assert mentor.name.split() == ["John", "Smith"]
    assert (mentor.email, mentor.irc) == ("", "")


def test_an_expected_size_of_8000_digits_is_refused_in_a_blink_naming_its_line():
    result, seconds = timed(LONG_SIZE)

    assert seconds < 1
    (problem,) = result.problems
    assert problem.line == 5
    assert "has more than 6 digits" in problem.message
    assert len(problem.message) < 200  # the value is cut, not echoed


def test_20000_empty_blocks_are_refused_in_a_blink_naming_the_first_one_too_many():
    result, seconds = timed(EMPTY_BLOCKS)

    assert seconds < 1
    assert [(p.line, p.message) for p in result.problems] == [
        (IDEAS_MAX + 1, f"more than {IDEAS_MAX} ideas on one page: import it in parts")
    ]


def test_a_mentor_keeps_its_contact_whatever_the_blanks_around_it():
    page = "=== I ===\n'''Summary:''' S\n'''Details:'''\n* Mentor: Ann" + " " * 300
    page += "<ann@example.org>" + " " * 300 + "(ann on IRC)\n"

    (idea,) = parse_page(page).ideas

    assert idea.mentors == (MentorEntry("Ann", "ann@example.org", "ann"),)


def test_a_size_in_a_sentence_still_reads():
    page = "=== I ===\n'''Summary:''' S\n'''Details:'''\n* Expected size: about 12 or 350 h\n"

    assert parse_page(page).ideas[0].expected_hours == 350


def test_a_page_past_the_size_cap_is_refused_at_once():
    result = parse_page("x" * (PAGE_MAX_CHARS + 1))

    assert [p.line for p in result.problems] == [1]
    assert f"at most {PAGE_MAX_CHARS:,}" in result.problems[0].message


def test_a_line_past_the_length_cap_is_named():
    page = "=== I ===\n'''Summary:''' S\n\n" + "a" * (LINE_MAX_CHARS + 1) + "\n"

    (problem,) = parse_page(page).problems

    assert problem.line == 4
    assert f"at most {LINE_MAX_CHARS:,}" in problem.message


def test_a_block_past_the_lines_cap_is_named_at_its_heading():
    page = "== Ideas ==\n=== I ===\n'''Summary:''' S\n" + "line\n" * BLOCK_MAX_LINES

    (problem,) = parse_page(page).problems

    assert problem.line == 2
    assert f"more than {BLOCK_MAX_LINES:,} lines" in problem.message


@pytest.mark.parametrize("opener", ["{{a|b=", "[http://a ", "<b>", "<!--", "[[a|"])
def test_markup_left_open_past_the_bound_is_refused_at_the_first_opener(opener):
    page = "=== I ===\n'''Summary:''' S\n\nText\n" + (opener + "\n") * 4000

    result, seconds = timed(page)

    assert seconds < 1
    (problem,) = result.problems
    assert problem.line == 5
    assert f"more than {MAX_DEPTH} brackets, tags or comments are open" in problem.message


def test_markup_never_closed_past_the_bound_is_refused_at_the_first_opener():
    page = "=== I ===\n'''Summary:''' S\n\nText\n" + "A [stray bracket\n" * (MAX_OPEN + 1)

    (problem,) = parse_page(page).problems

    assert problem.line == 5
    assert f"{MAX_OPEN + 1} brackets, tags or comments are never closed" in problem.message


def test_a_few_brackets_left_open_are_still_read():
    page = "=== I ===\n'''Summary:''' S\n\nAn array [0, n) and a {{ stray.\n"

    assert parse_page(page).problems == []


# --- Linear cost ---------------------------------------------------------------------------


def _idea(i: int) -> str:
    return (
        f"=== Idea {i} ===\n'''Summary:''' Summary {i}\n\n"
        + "A description with [[Features/Page|a link]], ''italics'' and <code>code</code>. " * 8
        + "\n\n'''Links:'''\n* [https://example.org/a A page]\n\n'''Details:'''\n"
        + "* Skill level: intermediate\n* Language: C, Python\n"
        + f"* Mentors: Ann{i} <ann{i}@example.org> (ann{i} on IRC), Bob  " + " " * 400
        + "(bob on IRC)\n* Expected size: about " + "1" * 6 + " hours\n\n"
    )  # fmt: skip


def _repeated(unit, chars: int) -> str:
    """Units (given their number) one after the other, up to about `chars` characters."""
    units, size = [], 0
    while size < chars:
        units.append(unit(len(units)))
        size += len(units[-1])
    return "".join(units)


PAGES = {
    # ideas as real pages write them, with a long run of spaces in each mentor line
    "ideas": lambda chars: _repeated(_idea, chars),
    # mentor lines padded with 1,500 spaces (the old pattern: cubic in the spaces)
    "padded mentors": lambda chars: (
        "=== I ===\n'''Summary:''' S\n'''Details:'''\n"
        + _repeated(lambda i: "* Mentor: John" + " " * 1500 + "Smith\n", chars)
    ),
    # sizes of many digits (the old pattern: quadratic in the digits)
    "long sizes": lambda chars: _repeated(
        lambda i: f"=== I{i} ===\n'''Summary:''' S\n'''Details:'''\n* Size: {'9' * 4000}x\n",
        chars,
    ),
    # blocks of one line (indexing mwparserfromhell's sections: quadratic in the blocks)
    "short blocks": lambda chars: _repeated(lambda i: f"=== x{i} ===\n{'text ' * 40}\n", chars),
}


def _cpu_seconds(page: str) -> float:
    text.parse.cache_clear()
    start = time.process_time()
    parse_page(page)
    return time.process_time() - start


def _best_ratio(small: str, large: str, runs: int = 7) -> float:
    """The large page's time over the small one's, each the best of several runs taken in
    turns, in CPU time of this process: other work on a busy machine can only slow a run
    down, and the best run is the one it touched least. The collector is held off, since it
    runs when enough objects pile up, whatever the page."""
    gc.collect()
    gc.disable()
    try:
        times = [(_cpu_seconds(small), _cpu_seconds(large)) for _ in range(runs)]
    finally:
        gc.enable()
    return min(large for _, large in times) / min(small for small, _ in times)


@pytest.mark.parametrize("kind", PAGES)
def test_a_page_twice_as_large_takes_about_twice_as_long(kind):
    small, large = PAGES[kind](25_000), PAGES[kind](50_000)
    assert len(large) <= PAGE_MAX_CHARS and len(large) >= 1.8 * len(small)
    assert large.count("===") <= 2 * IDEAS_MAX

    ratio = _best_ratio(small, large)

    assert ratio < 2.8, f"{kind}: {ratio:.2f} times as long for twice the page"


# --- The export: linear on what is stored ----------------------------------------------------


def _prose(i: int) -> str:
    return (
        f"Paragraph {i} with **bold**, *emphasis*, `code`, [a link](https://example.org/{i}) "
        f"and [a page](Features/Page{i}).\n- an item\n- another\n\n"
    )


DESCRIPTIONS = {
    "prose": lambda chars: _repeated(_prose, chars),
    # lines as long as the form allows, full of marks that each open and close markup
    "marks": lambda chars: _repeated(lambda i: "**a" * (LINE_MAX_CHARS // 3) + "\n", chars),
}


def _render_seconds(description: str) -> float:
    text.parse.cache_clear()
    start = time.process_time()
    render_idea(IdeaData(title="T", summary="S", description=description))
    return time.process_time() - start


@pytest.mark.parametrize("kind", DESCRIPTIONS)
def test_a_description_twice_as_long_exports_in_about_twice_the_time(kind):
    small, large = DESCRIPTIONS[kind](8_000), DESCRIPTIONS[kind](16_000)
    gc.collect()
    gc.disable()
    try:
        times = [(_render_seconds(small), _render_seconds(large)) for _ in range(5)]
    finally:
        gc.enable()

    ratio = min(t for _, t in times) / min(t for t, _ in times)

    assert ratio < 2.8, f"{kind}: {ratio:.2f} times as long for twice the description"


def test_tags_a_wiki_closes_itself_may_stay_open():
    page = "=== I ===\n'''Summary:''' S\n\n" + "<li>item<br>\n" * (MAX_OPEN + 5)

    assert parse_page(page).problems == []
