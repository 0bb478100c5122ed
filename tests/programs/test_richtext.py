"""Typed Markdown renders to HTML in which nothing can run, whatever is typed."""

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programs.richtext import ALLOWED_TAGS, URL_SCHEMES, render_markdown


class Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_nothing_can_run(html: str) -> None:
    for tag, attrs in Elements(html).found:
        assert tag in ALLOWED_TAGS, tag
        assert not any(name.startswith("on") or name == "style" for name in attrs), attrs
        href = (attrs.get("href") or "").strip().lower()
        if href and ":" in href.split("/")[0]:
            assert href.split(":")[0] in URL_SCHEMES, href


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<svg onload=alert(1)>",
]


def test_it_renders_markdown_to_html():
    html = render_markdown("**bold** and [docs](https://qemu.org/docs)\n\n* one\n* two")
    assert "<strong>bold</strong>" in html
    assert 'href="https://qemu.org/docs"' in html
    assert 'rel="nofollow noopener noreferrer"' in html
    assert "<li>one</li>" in html


def test_it_renders_tables_and_code():
    assert "<table>" in render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<pre><code>" in render_markdown("    make check")


@pytest.mark.parametrize("text", HOSTILE)
def test_no_script_survives_known_attacks(text):
    html = render_markdown(text)
    assert_nothing_can_run(html)
    assert "<script" not in html and "<iframe" not in html and "<svg" not in html


def test_hostile_text_is_shown_not_dropped():
    assert "&lt;script&gt;" in render_markdown("<script>alert(1)</script>")


@given(st.text())
def test_no_script_survives_whatever_is_typed(text):
    assert_nothing_can_run(render_markdown(text))


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""


def test_links_to_page_names_follow_the_address_given_or_are_unlinked():
    text = "[a page](Features/X), [web](https://example.org/), [here](#top), [root](/rounds/)"

    linked = render_markdown(text, page_url=lambda page: f"https://wiki.example.org/{page}")
    unlinked = render_markdown(text, page_url=lambda page: "")

    assert '<a href="https://wiki.example.org/Features/X"' in linked
    assert '<a href="https://example.org/"' in linked
    assert "<p>a page, <a" in unlinked
    assert 'href="#top"' in unlinked and 'href="/rounds/"' in unlinked
