"""Ideas as plain dicts, for the read-only JSON lists organizations show on their websites.

The shape is a promise to those websites: add fields, never rename or remove one. The idea
must come with its participation's round and organization selected and its tags and mentors
(with their users) prefetched, or each idea costs queries.
"""

import re
from datetime import UTC, datetime
from typing import Any

from projects.contacts import shown_name
from projects.models import ProjectIdea, Tag
from projects.wiki.links import markdown_with_wiki_addresses, rows_with_wiki_addresses


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, the form JavaScript's Date parses everywhere."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# A web address as websites may put it in a link as it is: http or https, in any case, and no
# character a browser would drop or read otherwise (tabs, line breaks, controls, spaces), so
# "java\tscript:", "&#106;avascript:" or " javascript:" never pass for one.
_WEB_ADDRESS = re.compile(r"https?://[^\x00-\x20\x7f]+", re.IGNORECASE)


def web_address(url: str) -> str:
    """`url` if it is an http(s) address, else "": the websites that embed these lists put
    links in their own pages, so nothing else (javascript:, data:, a wiki page name) leaves
    the site as a link."""
    return url if _WEB_ADDRESS.fullmatch(url) else ""


def _tag_names(idea: ProjectIdea, kind: str) -> list[str]:
    return [tag.name for tag in idea.tags.all() if tag.kind == kind]


def _pairs(items: list, first: str, *aliases: str) -> list[dict[str, str]]:
    """[{first, url}] from stored rows, whichever label key a row was stored with."""
    pairs = []
    for item in items or []:
        label = next((item.get(key) for key in (first, *aliases) if item.get(key)), "")
        pairs.append({first: label, "url": web_address(str(item.get("url") or ""))})
    return pairs


def idea_as_dict(idea: ProjectIdea, *, url: str, published_at: str) -> dict[str, Any]:
    """`url` is the idea's absolute address and `published_at` its round's ideas date in
    ISO form: the caller works each out once for a whole list, not once per idea."""
    organization = idea.participation.organization
    return {
        "title": idea.title,
        "url": url,
        "organization": {"name": organization.name, "slug": organization.slug},
        "summary": idea.summary,
        # the Markdown source (links to wiki pages made absolute); render it as you like
        "description": markdown_with_wiki_addresses(idea.description, organization),
        "skill_level": idea.skill_level or None,
        "languages": _tag_names(idea, Tag.Kind.LANGUAGE),
        "skills": _tag_names(idea, Tag.Kind.SKILL),
        "expected_hours": idea.expected_hours,
        "mentors": [shown_name(mentor) for mentor in idea.mentors.all()],
        "links": _pairs(rows_with_wiki_addresses(idea.links, organization), "label", "title"),
        "starter_tasks": _pairs(
            rows_with_wiki_addresses(idea.starter_tasks, organization), "title", "label"
        ),
        "published_at": published_at,
    }
