"""Markdown typed by people, rendered safely: no script survives, whatever is typed.

Two locks: markdown-it with raw HTML off escapes tags and refuses `javascript:` links, and nh3
(the Rust ammonia sanitizer) then keeps only an allow-list of tags, attributes and schemes.
"""

from collections.abc import Callable
from functools import cache
from urllib.parse import unquote, urlsplit

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
        ["table", "strikethrough"]
    )


def _resolve_relative_links(tokens, page_url: Callable[[str], str]) -> None:
    """A link to a bare name ("Features/LiveBlockMigration", a page of a wiki) gets the
    address `page_url` gives it; when it gives none, the link is left out and its text
    stays. (Links never nest in Markdown, so each closer belongs to the last opener.)"""
    for block in tokens:
        unlinked = False
        for token in block.children or []:
            if token.type == "link_open":
                href = str(token.attrs.get("href", ""))
                if urlsplit(href).scheme or href.startswith(("#", "/")):
                    unlinked = False
                    continue
                address = page_url(unquote(href))
                unlinked = not address
                if address:
                    token.attrs["href"] = address
                token.hidden = unlinked
            elif token.type == "link_close":
                token.hidden = unlinked


def render_markdown(text: str, *, page_url: Callable[[str], str] | None = None) -> str:
    """Safe HTML for a Markdown text (links get rel="nofollow noopener noreferrer").

    Without `page_url`, a link to a bare name is left relative, as typed."""
    if not text:
        return ""
    parser = _parser()
    tokens = parser.parse(text)
    if page_url is not None:
        _resolve_relative_links(tokens, page_url)
    return nh3.clean(
        parser.renderer.render(tokens, parser.options, {}),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
