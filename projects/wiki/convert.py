"""Ideas between the database and the wiki template: ProjectIdea <-> IdeaData.

A mentor with an account is written with their account's name and the contact they chose
(email, or IRC nick when they chose it and have one). A mentor without one (named on an
imported page) keeps the entry as written, "Name <email> (nick on IRC)", in IdeaMentor.name;
`mentor_from_text` reads it back, so an imported page exports as it came in.

Languages and skills are tags, which the database keeps in alphabetical order: an idea
written "Python, C" comes back "C, Python".
"""

from django.db.models import Prefetch, QuerySet

from projects.models import IdeaMentor, ProjectIdea, Tag
from projects.wiki.data import ExtraField, IdeaData, Link, MentorEntry
from projects.wiki.fields import split_mentor


def mentor_text(entry: MentorEntry) -> str:
    """A mentor entry as plain text: "Name <email> (nick on IRC)", parts left out when empty."""
    parts = [entry.name]
    if entry.email:
        parts.append(f"<{entry.email}>")
    if entry.irc:
        parts.append(f"({entry.irc} on IRC)")
    return " ".join(part for part in parts if part)


def mentor_from_text(text: str) -> MentorEntry:
    """The entry a mentor's name as written stands for (the inverse of `mentor_text`)."""
    text = text.strip()
    name, email, irc = split_mentor(text)

    def part(span: tuple[int, int] | None) -> str:
        return text[span[0] : span[1]] if span else ""

    return MentorEntry(name=part(name), email=part(email), irc=part(irc))


def mentor_entry(mentor: IdeaMentor) -> MentorEntry:
    user = mentor.user
    if user is None:
        return mentor_from_text(mentor.name)
    if mentor.contact == IdeaMentor.Contact.IRC and user.irc_nick:
        return MentorEntry(name=user.name, irc=user.irc_nick)
    return MentorEntry(name=user.name, email=user.email)


def with_wiki_details(ideas: QuerySet[ProjectIdea]) -> QuerySet[ProjectIdea]:
    """What `idea_to_data` reads, in two more queries whatever the number of ideas."""
    return ideas.prefetch_related(
        "tags", Prefetch("mentors", queryset=IdeaMentor.objects.select_related("user"))
    )


def _links(items: list, label_key: str) -> tuple[Link, ...]:
    return tuple(
        Link(
            label=str(item.get(label_key) or item.get("label") or ""), url=str(item.get("url", ""))
        )
        for item in items or []
    )


def idea_to_data(idea: ProjectIdea) -> IdeaData:
    """The idea as the template sees it (give it tags and mentors prefetched)."""
    tags = list(idea.tags.all())
    return IdeaData(
        title=idea.title,
        summary=idea.summary,
        description=idea.description,
        links=_links(idea.links, "label"),
        skill_level=idea.skill_level,
        languages=tuple(tag.name for tag in tags if tag.kind == Tag.Kind.LANGUAGE),
        skills=tuple(tag.name for tag in tags if tag.kind == Tag.Kind.SKILL),
        expected_hours=idea.expected_hours,
        mentors=tuple(mentor_entry(mentor) for mentor in idea.mentors.all()),
        suggested_by=idea.suggested_by,
        starter_tasks=_links(idea.starter_tasks, "title"),
        extra_fields=tuple(
            ExtraField(label=str(field.get("label", "")), value=str(field.get("value", "")))
            for field in idea.extra_fields or []
        ),
    )


def idea_fields(data: IdeaData) -> dict:
    """The ProjectIdea fields an IdeaData fills (tags and mentors are rows of their own)."""
    return {
        "title": data.title,
        "summary": data.summary,
        "description": data.description,
        "skill_level": data.skill_level,
        "expected_hours": data.expected_hours,
        "links": [{"label": link.label, "url": link.url} for link in data.links],
        "starter_tasks": [{"title": task.label, "url": task.url} for task in data.starter_tasks],
        "suggested_by": data.suggested_by,
        "extra_fields": [{"label": f.label, "value": f.value} for f in data.extra_fields],
    }
