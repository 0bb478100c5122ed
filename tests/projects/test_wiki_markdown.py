"""Descriptions between the site's Markdown and MediaWiki: the subset the form offers is
converted both ways; anything else is kept as it is, so nothing is lost."""

from projects.wiki.data import IdeaData
from projects.wiki.markdown import to_markdown
from projects.wiki.parse import parse_page
from projects.wiki.render import render_idea
from tests.projects.wiki_pages import qemu_page


def described(wiki: str) -> str:
    page = f"=== T ===\n'''Summary:''' S\n\n{wiki}\n"
    (idea,) = parse_page(page).ideas
    return idea.description


def test_wiki_markup_of_the_subset_becomes_markdown_on_import():
    wiki = (
        "Some '''bold''', ''italics'' and <code>make check</code>.\n"
        "See [https://qemu.org/docs the docs], [[Features/LiveBlockMigration]] and "
        "[[GSoC 2017|last year]].\n"
        "\n"
        "* one\n"
        "* two\n"
        "# first\n"
        "# second"
    )

    assert described(wiki) == (
        "Some **bold**, *italics* and `make check`.\n"
        "See [the docs](https://qemu.org/docs), [Features/LiveBlockMigration]"
        "(Features/LiveBlockMigration) and [last year](<GSoC 2017>).\n"
        "\n"
        "- one\n"
        "- two\n"
        "1. first\n"
        "2. second"
    )


def test_text_markdown_would_read_as_markup_is_escaped_on_import():
    assert described("a *b* [c] _d_ snake_case 2 < 3 <tag") == (
        r"a \*b\* \[c\] \_d\_ snake_case 2 < 3 \<tag"
    )
    assert described("- not a list\n1. nor this") == "\\- not a list\n1\\. nor this"


def test_markdown_of_the_subset_becomes_wiki_markup_on_export():
    idea = IdeaData(
        title="T",
        summary="S",
        description="Use **QMP** and *qemu-img*: `make check`, [docs](https://qemu.org/docs) "
        "and [the feature](Features/LiveBlockMigration).\n\n- one\n- two\n\n1. first\n2. second",
    )

    markup = render_idea(idea)

    assert (
        "Use '''QMP''' and ''qemu-img'': <code>make check</code>, [https://qemu.org/docs docs] "
        "and [[Features/LiveBlockMigration|the feature]].\n\n* one\n* two\n\n# first\n# second"
    ) in markup


def test_markdown_the_wiki_has_no_words_for_is_kept_as_typed():
    description = "## A heading\n> a quote\n* another bullet\n1. one\n1. one again\n~~struck~~"
    idea = IdeaData(title="T", summary="S", description=description)

    markup = render_idea(idea)

    assert "<nowiki>## A heading</nowiki>" in markup
    assert "<nowiki>1. one again</nowiki>" in markup
    assert parse_page(markup).ideas[0].description == description


def test_qemus_descriptions_read_the_same_as_markdown():
    backup = parse_page(qemu_page()).ideas[0]

    assert "\\" not in backup.description  # nothing needed escaping
    assert backup.description.startswith("QEMU has added command primitives")


def test_a_whole_line_in_nowiki_is_markdown_as_it_is():
    assert to_markdown(["<nowiki>**kept**</nowiki>", "<nowiki>*x*</nowiki> y"]) == (
        "**kept**\n\\*x\\* y"
    )


def test_a_stray_carriage_return_in_a_stored_description_survives_the_round_trip():
    idea = IdeaData(title="T", summary="S", description="**a**\rb\n- c\r")

    assert parse_page(render_idea(idea)).ideas == [idea]
