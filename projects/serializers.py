"""Ideas as plain dicts, for the read-only JSON lists organizations show on their websites.

The shape is a promise to those websites: add fields, never rename or remove one. The idea
must come with its participation's round and organization selected and its tags and mentors
(with their users) prefetched, or each idea costs queries.
"""

from datetime import UTC, datetime
from typing import Any

from projects.models import IdeaMentor, ProjectIdea, Tag
from projects.wiki.links import markdown_with_wiki_addresses, rows_with_wiki_addresses


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, the form JavaScript's Date parses everywhere."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def mentor_name(mentor: IdeaMentor) -> str:
    """The account's name, or for a mentor without an account the name as written."""
    return mentor.user.name if mentor.user is not None else mentor.name


def _tag_names(idea: ProjectIdea, kind: str) -> list[str]:
    return [tag.name for tag in idea.tags.all() if tag.kind == kind]


def _pairs(items: list, first: str, *aliases: str) -> list[dict[str, str]]:
    """[{first, url}] from stored rows, whichever label key a row was stored with."""
    pairs = []
    for item in items or []:
        label = next((item.get(key) for key in (first, *aliases) if item.get(key)), "")
        pairs.append({first: label, "url": item.get("url", "")})
    return pairs


def idea_as_dict(idea: ProjectIdea, *, site_url: str) -> dict[str, Any]:
    organization = idea.participation.organization
    return {
        "title": idea.title,
        "url": site_url + idea.get_absolute_url(),
        "organization": {"name": organization.name, "slug": organization.slug},
        "summary": idea.summary,
        # the Markdown source (links to wiki pages made absolute); render it as you like
        "description": markdown_with_wiki_addresses(idea.description, organization),
        "skill_level": idea.skill_level or None,
        "languages": _tag_names(idea, Tag.Kind.LANGUAGE),
        "skills": _tag_names(idea, Tag.Kind.SKILL),
        "expected_hours": idea.expected_hours,
        "mentors": [mentor_name(mentor) for mentor in idea.mentors.all()],
        "links": _pairs(rows_with_wiki_addresses(idea.links, organization), "label", "title"),
        "starter_tasks": _pairs(
            rows_with_wiki_addresses(idea.starter_tasks, organization), "title", "label"
        ),
        "published_at": iso_utc(idea.participation.round.ideas_published),
    }
