"""Rendering an idea as the wiki template: the exact markup, and escaping only where needed."""

from projects.wiki.data import ExtraField, IdeaData, Link, MentorEntry
from projects.wiki.parse import parse_page
from projects.wiki.render import render_idea, render_page

FULL = IdeaData(
    title="Disk Backup Tool",
    summary="Write a tool that performs both full and incremental disk backups",
    description="QEMU has added command primitives.\n\nIt would be helpful.",
    links=(
        Link("Incremental backup", "https://en.wikipedia.org/wiki/Incremental_backup"),
        Link("", "Features/IncrementalBackup"),
        Link("the QMP reference", "Documentation/QMP"),
    ),
    skill_level="intermediate",
    languages=("Python", "C"),
    mentors=(
        MentorEntry("John Snow", "jsnow@redhat.com", "jsnow"),
        MentorEntry("Alberto Garcia", irc="berto"),
        MentorEntry("Stefan Hajnoczi", email="stefanha@redhat.com"),
    ),
    suggested_by="Stefan Hajnoczi",
    expected_hours=175,
    skills=("QMP", "block layer"),
    starter_tasks=(
        Link("Fix a typo in qemu-img", "https://gitlab.com/qemu-project/qemu/-/issues/1"),
    ),
    extra_fields=(ExtraField("Difficulty", "'''medium'''"),),
)


def test_it_writes_exactly_the_template_with_our_additions():
    assert render_idea(FULL) == (
        "=== Disk Backup Tool ===\n"
        "\n"
        "'''Summary:''' Write a tool that performs both full and incremental disk backups\n"
        "\n"
        "QEMU has added command primitives.\n"
        "\n"
        "It would be helpful.\n"
        "\n"
        "'''Links:'''\n"
        "* [https://en.wikipedia.org/wiki/Incremental_backup Incremental backup]\n"
        "* [[Features/IncrementalBackup]]\n"
        "* [[Documentation/QMP|the QMP reference]]\n"
        "\n"
        "'''Details:'''\n"
        "* Skill level: intermediate\n"
        "* Language: Python, C\n"
        "* Mentors: John Snow <jsnow@redhat.com> (jsnow on IRC), Alberto Garcia (berto on IRC), "
        "Stefan Hajnoczi <stefanha@redhat.com>\n"
        "* Suggested by: Stefan Hajnoczi\n"
        "* Expected size: 175 hours\n"
        "* Skills: QMP, block layer\n"
        "* Difficulty: '''medium'''\n"
        "\n"
        "'''Starter tasks:'''\n"
        "* [https://gitlab.com/qemu-project/qemu/-/issues/1 Fix a typo in qemu-img]"
    )


def test_it_leaves_out_the_parts_an_idea_does_not_fill():
    idea = IdeaData(title="Tracing", summary="Trace more.")

    assert render_idea(idea) == "=== Tracing ===\n\n'''Summary:''' Trace more."


def test_one_mentor_is_a_mentor_and_several_are_mentors():
    one = render_idea(IdeaData(title="T", summary="S", mentors=(MentorEntry("Kevin Wolf"),)))
    two = render_idea(
        IdeaData(title="T", summary="S", mentors=(MentorEntry("A"), MentorEntry("B")))
    )

    assert "* Mentor: Kevin Wolf" in one
    assert "* Mentors: A, B" in two


def test_plain_words_and_the_authors_own_markup_stay_as_written():
    idea = IdeaData(
        title="Make ''qemu-img'' faster",
        summary="See [[Features/QED]] and {{Note|x}}: 100% & more",
        description="- a bullet\n1. a number\n*italics* and `code`",
    )

    markup = render_idea(idea)

    assert "<nowiki>" not in markup
    assert "* a bullet\n# a number\n''italics'' and <code>code</code>" in markup
    assert "=== Make ''qemu-img'' faster ===" in markup
    assert "'''Summary:''' See [[Features/QED]] and {{Note|x}}: 100% & more" in markup


def test_what_would_read_differently_is_wrapped_in_nowiki():
    idea = IdeaData(
        title="Pair {{ and [[ with nothing",
        summary="&amp; is not &",
        description="'''Links:''' is not a part\n=== nor a heading ===\n leading space\n{{unclosed",
        languages=("C, C++",),
    )

    markup = render_idea(idea)

    assert "=== <nowiki>Pair {{ and [[ with nothing</nowiki> ===" in markup
    assert "'''Summary:''' <nowiki>&amp;amp; is not &amp;</nowiki>" in markup
    assert "<nowiki>'''Links:''' is not a part</nowiki>" in markup
    assert "<nowiki>=== nor a heading ===</nowiki>" in markup
    assert "<nowiki> leading space</nowiki>" in markup
    assert "<nowiki>{{unclosed</nowiki>" in markup
    assert "* Language: <nowiki>C, C++</nowiki>" in markup
    assert parse_page(markup).ideas == [idea]


def test_a_literal_closing_nowiki_cannot_end_the_escape_early():
    idea = IdeaData(title="T", summary="a </nowiki> b <nowiki>c")

    markup = render_idea(idea)

    assert "'''Summary:''' <nowiki>a &lt;/nowiki&gt; b &lt;nowiki&gt;c</nowiki>" in markup
    assert parse_page(markup).ideas == [idea]


def test_blank_lines_at_either_end_of_a_description_survive():
    idea = IdeaData(title="T", summary="S", description="\nfirst\n\n\nlast\n")

    markup = render_idea(idea)

    assert "<nowiki></nowiki>\nfirst\n\n\nlast\n<nowiki></nowiki>" in markup
    assert parse_page(markup).ideas == [idea]


def test_unknown_fields_of_several_lines_become_parts_of_their_own_in_order():
    idea = IdeaData(
        title="T",
        summary="S",
        extra_fields=(
            ExtraField("Difficulty", "hard"),
            ExtraField("Prerequisites", "* C\n* git"),
            ExtraField("Notes", "keep"),
        ),
    )

    markup = render_idea(idea)

    assert markup.endswith(
        "'''Details:'''\n* Difficulty: hard\n\n'''Prerequisites:'''\n* C\n* git\n\n"
        "'''Notes:''' keep"
    )
    assert parse_page(markup).ideas == [idea]


def test_a_page_puts_its_ideas_under_an_optional_heading():
    ideas = [IdeaData(title="One", summary="S"), IdeaData(title="Two", summary="S")]

    page = render_page(ideas, heading="Project Ideas")

    assert page.startswith("== Project Ideas ==\n\n=== One ===")
    assert page.endswith("=== Two ===\n\n'''Summary:''' S\n")
    assert render_page([]) == ""
