"""Parsing a wiki page of idea blocks: QEMU's page, the variants real pages use, and every
problem named with its line."""

from projects.wiki.data import ExtraField, IdeaData, Link, MentorEntry
from projects.wiki.parse import Problem, parse_page
from tests.projects.wiki_pages import MALFORMED, qemu_page


def test_qemus_2017_page_gives_its_two_ideas_and_leaves_the_rest_alone():
    result = parse_page(qemu_page())

    assert result.problems == []
    backup, throttling = result.ideas
    assert (backup.title, backup.line) == ("Disk Backup Tool", 12)
    assert backup.summary == "Write a tool that performs both full and incremental disk backups"
    assert backup.description.startswith("QEMU has added command primitives")
    assert backup.description.endswith("disk image files, backups, and snapshots.")
    assert backup.description.count("\n\n") == 3  # four paragraphs
    assert backup.skill_level == "intermediate"
    assert backup.languages == ("Python",)
    assert backup.mentors == (
        MentorEntry("John Snow", "jsnow@redhat.com", "jsnow"),
        MentorEntry("Stefan Hajnoczi", "stefanha@redhat.com", "stefanha"),
    )
    assert backup.links[0] == Link(
        "Incremental backup", "https://en.wikipedia.org/wiki/Incremental_backup"
    )
    assert throttling.title == (
        "Moving I/O throttling and write notifiers into block filter drivers"
    )
    assert throttling.languages == ("C",)
    assert throttling.mentors[-1] == MentorEntry("Alberto Garcia", irc="berto")
    assert throttling.links[-1] == Link("", "Documentation/GettingStartedDevelopers")


def test_it_accepts_the_variants_real_pages_write():
    page = """=== Variants ===
'''Summary:''' Bold labels, several languages, mentors written three ways
Text right under the summary.
'''Links:''' [https://example.org/a A], [[Features/B|B]]
'''Details:'''
* '''Skill level:''' Advanced
* '''Language''': C, Python, Rust
* Mentors: Ann <ann@example.org>, Bob (bob on IRC), Cy <cy@example.org> (cy on IRC)
* Mentor(s): Dee
* Project size: ~350 hours
"""

    (idea,) = parse_page(page).ideas

    assert idea.description == "Text right under the summary."
    assert idea.links == (Link("A", "https://example.org/a"), Link("B", "Features/B"))
    assert idea.skill_level == "advanced"
    assert idea.languages == ("C", "Python", "Rust")
    assert [m.name for m in idea.mentors] == ["Ann", "Bob", "Cy", "Dee"]
    assert idea.mentors[2] == MentorEntry("Cy", "cy@example.org", "cy")
    assert idea.expected_hours == 350


def test_the_template_as_pasted_with_its_leading_spaces_reads_too():
    # As the design shows it: every body line after one space, blank lines too.
    page = "\n".join(
        [
            "=== TITLE ===",
            " ",
            " '''Summary:''' Short description of the project",
            " ",
            " Detailed description of the project.",
            " ",
            " '''Details:'''",
            " * Skill level: beginner",
            " * Language: C",
            " * Mentor: Email address and IRC nick",
            " * Suggested by: Person who suggested the idea",
        ]
    )

    (idea,) = parse_page(page).ideas

    assert idea.summary == "Short description of the project"
    assert idea.description == "Detailed description of the project."
    assert idea.suggested_by == "Person who suggested the idea"


def test_unknown_fields_are_kept_as_written_not_dropped():
    page = """=== T ===
'''Summary:''' S

'''Prerequisites:'''
* Knowing ''C''
* Having built QEMU

'''Details:'''
* Difficulty: [[Difficulty|hard]]
* Mentor: Ann
"""

    result = parse_page(page)

    assert result.problems == []
    assert result.ideas[0].extra_fields == (
        ExtraField("Prerequisites", "* Knowing ''C''\n* Having built QEMU"),
        ExtraField("Difficulty", "[[Difficulty|hard]]"),
    )


def test_a_malformed_page_names_each_problem_with_its_line():
    result = parse_page(MALFORMED)

    assert result.problems == [
        Problem(3, "'''Summary:''' outside any idea: the block has no === title ==="),
        Problem(13, "Skill level has no value"),
        Problem(20, "'''Details:''' has no bullets: is the block cut in half?"),
        Problem(28, "unknown skill level “expert”: beginner, intermediate or advanced"),
    ]


def test_a_block_without_summary_or_title_and_duplicate_titles_are_problems():
    page = """=== Twice ===
'''Summary:''' S

=== twice ===
Only a description: the summary line is missing.

===  ===
'''Summary:''' No title
"""

    result = parse_page(page)

    assert result.problems == [
        Problem(4, "a second idea titled “twice” (the first is on line 1)"),
        Problem(4, "no '''Summary:''' line: is the block cut in half?"),
        Problem(7, "an idea without a title: “=== Title ===”"),
    ]
    assert [idea.title for idea in result.ideas] == ["Twice", "twice"]


def test_text_where_bullets_belong_and_fields_given_twice_are_problems():
    page = """=== T ===
'''Summary:''' S
'''Details:''' intermediate
* Skill level: beginner
* Skill level: advanced
Mentor: someone
** nested
* no label here
* Expected size: a lot
"""

    messages = [str(problem) for problem in parse_page(page).problems]

    assert messages == [
        "line 3: text after '''Details:''': each detail goes on a bullet",
        "line 5: Skill level is given twice in this idea (first on line 4)",
        "line 6: text under '''Details:''' that is not a bullet",
        "line 7: a nested bullet under '''Details:''': use one level",
        "line 8: a Details bullet needs a label: “* Label: value”",
        "line 9: expected size “a lot” is not a number of hours",
    ]


def test_markup_spanning_lines_counts_as_one_line_and_comments_are_ignored():
    page = """=== T ===
'''Summary:''' S

{{Note|a note
on two lines}}
<!-- a comment
 '''Summary:''' not a label -->

'''Details:'''
<!-- hidden -->
* Language: C
"""

    result = parse_page(page)

    assert result.problems == []
    (idea,) = result.ideas
    assert idea.description == (
        "{{Note|a note\non two lines}}\n<!-- a comment\n '''Summary:''' not a label -->"
    )
    assert idea.languages == ("C",)


def test_windows_line_breaks_from_a_browser_read_the_same():
    page = "=== T ===\r\n'''Summary:''' S\r\n\r\nLine one\r\nLine two\r\n"

    assert parse_page(page).ideas == [
        IdeaData(title="T", summary="S", description="Line one\nLine two")
    ]


def test_entities_and_nowiki_are_read_as_the_text_they_show():
    page = "=== A &amp; B ===\n'''Summary:''' <nowiki>[[not a link]]</nowiki> &mdash; ok\n"

    (idea,) = parse_page(page).ideas

    assert idea.title == "A & B"
    assert idea.summary == "[[not a link]] — ok"
