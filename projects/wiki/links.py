"""Links to pages of an organization's wiki ("Features/LiveBlockMigration", as a wiki page
writes [[Features/LiveBlockMigration]]) made absolute, for what leaves the site (ideas.json):
a reader elsewhere cannot resolve a page name. Without a wiki address they stay as stored."""

import re
from functools import cache
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from programs.models import Organization

# An inline link's destination in Markdown source: "](<a page>)" or "](a/page)".
_DESTINATION = re.compile(r"\]\((?:<([^<>\n]*)>|([^\s()<>]+))\)")


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False})


def _is_page(address: str) -> bool:
    return bool(address) and not urlsplit(address).scheme and not address.startswith(("#", "/"))


def rows_with_wiki_addresses(rows: list, organization: Organization) -> list:
    """Stored link rows ({label or title, url}) with each page name as its address."""
    out = []
    for row in rows or []:
        url = str(row.get("url", ""))
        address = organization.wiki_page_url(url) if _is_page(url) else ""
        out.append({**row, "url": address} if address else row)
    return out


def markdown_with_wiki_addresses(text: str, organization: Organization) -> str:
    """The Markdown with each link to a page name pointing at the page's address. Only
    destinations Markdown reads as links are changed (a "](x)" in code stays)."""
    if not organization.wiki_url or "](" not in text:
        return text
    pages = {
        unquote(str(token.attrs.get("href", "")))
        for block in _markdown().parse(text)
        for token in block.children or []
        if token.type == "link_open"
    }

    def absolute(match: re.Match) -> str:
        page = match.group(1) if match.group(1) is not None else match.group(2)
        if page not in pages or not _is_page(page):
            return match.group()
        return f"]({organization.wiki_page_url(page)})"

    return _DESTINATION.sub(absolute, text)
