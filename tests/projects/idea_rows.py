"""Ideas as the public pages see them, made in one line each for the list, detail, discussion,
custom-idea and JSON tests (plain rows: no service, so each test says only what it needs)."""

from itertools import count

from django.urls import reverse
from django.utils.text import slugify

from projects.models import IdeaComment, IdeaMentor, ProjectIdea, SkillLevel, Tag
from tests.factories import UserFactory

_numbers = count(1)


def tag(name: str, kind: str = Tag.Kind.LANGUAGE) -> Tag:
    found, _ = Tag.objects.get_or_create(kind=kind, slug=slugify(name), defaults={"name": name})
    return found


def make_idea(
    participation,
    title: str | None = None,
    *,
    status: str = ProjectIdea.Status.APPROVED,
    languages: tuple[str, ...] = (),
    skills: tuple[str, ...] = (),
    mentors: tuple | None = None,
    mentor_names: tuple[str, ...] = (),
    **fields,
) -> ProjectIdea:
    """An idea (approved by default, so published once the round's ideas date has come).

    `mentors` are users (None: one new user, unless `mentor_names` are given; () for none);
    `mentor_names` are people without an account, as an imported page names them.
    """
    title = title or f"Idea {next(_numbers)}"
    fields.setdefault("summary", f"Summary of {title}.")
    fields.setdefault("description", f"Description of *{title}*.")
    fields.setdefault("skill_level", SkillLevel.INTERMEDIATE)
    idea = ProjectIdea.objects.create(
        participation=participation,
        title=title,
        slug=fields.pop("slug", slugify(title)),
        status=status,
        **fields,
    )
    idea.tags.add(*[tag(name) for name in languages])
    idea.tags.add(*[tag(name, Tag.Kind.SKILL) for name in skills])
    if mentors is None:
        mentors = () if mentor_names else (UserFactory(),)
    for position, user in enumerate(mentors):
        IdeaMentor.objects.create(idea=idea, user=user, position=position)
    for position, name in enumerate(mentor_names, start=len(mentors)):
        IdeaMentor.objects.create(idea=idea, name=name, position=position)
    return idea


def comment(idea, author, body: str, visibility: str = IdeaComment.Visibility.PUBLIC):
    return IdeaComment.objects.create(idea=idea, author=author, body=body, visibility=visibility)


def idea_url(idea: ProjectIdea, name: str = "projects:idea") -> str:
    participation = idea.participation
    return reverse(
        name, args=[participation.round.slug, participation.organization.slug, idea.slug]
    )
