"""Ideas as the authoring and review tests need them: content to write, ideas in a given
state with given co-mentors, and more org admins with their affiliations."""

from itertools import count

from programs.models import Membership
from projects.models import IdeaMentor, ProjectIdea
from projects.services.ideas import IdeaContent, MentorChoice
from projects.wiki.data import Link
from tests.factories import MembershipFactory, UserFactory

_numbers = count(1)


def content(*mentors, **fields) -> IdeaContent:
    """A complete idea's content; `mentors` are users shown with their email."""
    fields.setdefault("title", "Disk backup tool")
    fields.setdefault("summary", "Write a tool that performs full and incremental backups.")
    fields.setdefault("description", "QEMU has *command primitives* for backups.")
    fields.setdefault("skill_level", "intermediate")
    fields.setdefault("expected_hours", 175)
    fields.setdefault("languages", ("Python",))
    fields.setdefault("links", (Link("Backups", "https://qemu.org/docs/backup"),))
    fields.setdefault("mentors", tuple(MentorChoice(user=user) for user in mentors))
    return IdeaContent(**fields)


def idea_in(
    participation,
    *mentors,
    status: str = ProjectIdea.Status.DRAFT,
    revision: int | None = None,
    title: str | None = None,
    **fields,
) -> ProjectIdea:
    """An idea in the given state (a submitted one at revision 1), made directly."""
    title = title or f"Idea {next(_numbers)}"
    if revision is None:
        revision = 0 if status == ProjectIdea.Status.DRAFT else 1
    idea = ProjectIdea.objects.create(
        participation=participation,
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"Summary of {title}.",
        description=f"Description of {title}.",
        skill_level="intermediate",
        status=status,
        revision=revision,
        **fields,
    )
    for position, user in enumerate(mentors):
        IdeaMentor.objects.create(idea=idea, user=user, position=position)
    return idea


def org_admins(participation, *affiliations: str) -> list:
    """One more active org admin per affiliation given."""
    people = []
    for affiliation in affiliations:
        user = UserFactory(affiliation=affiliation, display_name=f"Admin {next(_numbers)}")
        MembershipFactory(participation=participation, user=user, role=Membership.Role.ORG_ADMIN)
        people.append(user)
    return people


def form_data(*mentors, irc: tuple = (), **fields) -> dict[str, str]:
    """What the idea form posts: complete, with `mentors` ticked (those in `irc` shown with
    their IRC nick, the rest with their email)."""
    data = {
        "title": "Disk backup tool",
        "summary": "Write a tool that performs full and incremental backups.",
        "description": "QEMU has *command primitives* for backups.\r\n\r\nSee the links.",
        "links": "Backups | https://qemu.org/docs/backup\r\nFeatures/IncrementalBackup",
        "skill_level": "intermediate",
        "languages": "Python, C",
        "skills": "backups, QMP",
        "expected_hours": "175",
        "suggested_by": "",
        "starter_tasks": "Fix a typo in the backup docs | https://gitlab.com/qemu-project/1",
    }
    for user in mentors:
        data[f"mentor_{user.pk}"] = "on"
        data[f"contact_{user.pk}"] = "irc" if user in irc else "email"
    data.update(fields)
    return data
