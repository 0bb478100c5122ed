"""Render then parse gives back the same idea, for any idea (the property of the template)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from projects.wiki.data import IdeaData
from projects.wiki.parse import parse_page
from projects.wiki.render import render_idea, render_page
from tests.projects.wiki_strategies import ideas, markdown_descriptions, wiki_descriptions

# No database here: the property is about text alone. The budget is the profile's
# (tests/conftest.py: more examples under CI=true).


@given(ideas)
def test_an_idea_survives_render_then_parse(idea):
    page = render_page([idea])
    result = parse_page(page)
    assert result.problems == [], page
    assert result.ideas == [idea], page


# A page is several ideas: a tenth of the budget tries as many ideas as the test above.
@settings(max_examples=max(5, settings.default.max_examples // 10))
@given(
    st.lists(ideas, min_size=2, max_size=3, unique_by=lambda idea: idea.title.strip().casefold())
)
def test_a_page_of_ideas_survives_render_then_parse(page_ideas):
    page = render_page(page_ideas, heading="Project ideas")
    result = parse_page(page)
    assert result.problems == [], page
    assert result.ideas == page_ideas, page


@settings(max_examples=60, deadline=None)
@given(markdown_descriptions)
def test_the_markdown_the_form_offers_reaches_the_wiki_as_wiki_markup_and_comes_back(text):
    idea = IdeaData(title="T", summary="S", description=text)

    page = render_page([idea])

    assert "<nowiki>" not in page, page
    assert "**" not in page and "`" not in page and "](" not in page, page
    assert parse_page(page).ideas == [idea], page


@settings(max_examples=60, deadline=None)
@given(wiki_descriptions)
def test_a_description_written_on_a_wiki_comes_back_from_the_site_as_written(wiki):
    block = f"=== T ===\n\n'''Summary:''' S\n\n{wiki}"

    (idea,) = parse_page(block).ideas

    assert render_idea(idea) == block, idea.description
