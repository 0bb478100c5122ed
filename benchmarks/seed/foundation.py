"""The program, its rounds, organizations, people, ideas, past internships and the outbox."""

from datetime import timedelta
from itertools import cycle, islice

from benchmarks.seed.world import DESCRIPTION, HOURS, LANGUAGES, PAST_ROUNDS, SKILLS, World, bulk
from evaluations.models import Internship
from evaluations.models.internship import windows_from
from notifications.models import Message
from people.models import User
from programs.models import Membership, Organization, Participation, Program, Round, RuleSet
from programs.schedules import dates_from, dates_in_phase
from programs.timeline import Phase
from projects.models import IdeaMentor, ProjectIdea, Tag


def program_and_rounds(world: World) -> None:
    """The program, its current round (in the application period: ideas are published and
    the application deadline is a week away) and ten past rounds, one a year."""
    world.program = Program.objects.create(
        name="Bench Summer of Code", slug="bench", default_rules=RuleSet.objects.create()
    )
    world.round = Round.objects.create(
        program=world.program,
        name="Bench Summer of Code now",
        slug="bench-now",
        total_slots=world.count(2000),
        rules=RuleSet.objects.create(),
        **dates_in_phase(Phase.APPLICATIONS, world.now),
    )
    for years in range(1, PAST_ROUNDS + 1):
        started = world.now - timedelta(days=365 * years + 30)
        world.past_rounds.append(
            Round.objects.create(
                program=world.program,
                name=f"Bench Summer of Code, {years} years ago",
                slug=f"bench-past-{years}",
                total_slots=world.count(500),
                rules=RuleSet.objects.create(),
                **dates_from(started),
            )
        )
    world.program_admin = User.objects.create(
        email="admin@bench.example",
        display_name="Program admin",
        password=world.password,
        is_program_admin=True,
    )


def organizations(world: World) -> None:
    """1,000 organizations accepted into the current round, with two slots each."""
    how_many = world.count(1000)
    world.organizations = bulk(
        Organization(
            name=f"Organization {i:05}",
            slug=f"org-{i:05}",
            description="An open-source project that takes interns every year.",
            website=f"https://org-{i}.example.org",
        )
        for i in range(how_many)
    )
    world.participations = bulk(
        Participation(
            round=world.round,
            organization=organization,
            status=Participation.Status.ACCEPTED,
            motivation="We want new contributors.",
            slots_max=3,
            slots_granted=2,
            submitted_at=world.round.org_applications_close - timedelta(days=2),
            decided_at=world.round.orgs_announced - timedelta(days=1),
            decided_by=world.program_admin,
        )
        for organization in world.organizations
    )


def org_admins_and_mentors(world: World) -> None:
    """Two org admins and three mentors per organization (2,000 and 3,000 at SCALE=1)."""
    world.org_admins = world.users("admin", 2 * len(world.participations))
    world.mentors = world.users("mentor", world.count(3000))
    terms = world.round.orgs_announced
    admins = [
        Membership(
            participation=p, user=user, role=Membership.Role.ORG_ADMIN, terms_accepted_at=terms
        )
        for p, user in zip(
            (p for p in world.participations for _ in range(2)), world.org_admins, strict=True
        )
    ]
    mentors = [
        Membership(participation=p, user=user, role=Membership.Role.MENTOR, terms_accepted_at=terms)
        for p, user in zip(cycle(world.participations), world.mentors, strict=False)
    ]
    bulk(admins + mentors)


def ideas(world: World) -> None:
    """10,000 approved ideas (ten per organization), each with a language, one or two of the
    organization's mentors and a link."""
    world.tags = bulk(
        Tag(kind=Tag.Kind.LANGUAGE, name=name, slug=name.lower().replace("+", "p"))
        for name in LANGUAGES
    )
    per_org = max(1, world.count(10_000) // len(world.participations))
    world.ideas = bulk(
        ProjectIdea(
            participation=p,
            slug=f"idea-{k}",
            title=f"Incremental parser {k} of {p.organization.name}",
            summary="Make the parser incremental, so editors stay fast on large files.",
            description=DESCRIPTION,
            status=ProjectIdea.Status.APPROVED,
            skill_level=SKILLS[k % len(SKILLS)],
            expected_hours=HOURS[k % len(HOURS)],
            links=[{"label": "Design notes", "url": f"https://org.example.org/wiki/idea-{k}"}],
            revision=1,
            submitted_at=world.round.orgs_announced,
            approved_at=world.round.orgs_announced,
        )
        for p in world.participations
        for k in range(per_org)
    )
    Tagged = ProjectIdea.tags.through
    bulk(
        Tagged(projectidea_id=idea.pk, tag_id=tag.pk)
        for idea, tag in zip(world.ideas, cycle(world.tags), strict=False)
    )
    mentors_of: dict[int, list[User]] = {}
    for p, user in zip(cycle(world.participations), world.mentors, strict=False):
        mentors_of.setdefault(p.pk, []).append(user)
    co_mentored = []
    for n, idea in enumerate(world.ideas):
        people = mentors_of.get(idea.participation_id) or [world.program_admin]
        # Every other idea has a co-mentor, when the organization has two mentors.
        chosen = list(dict.fromkeys(people[(n + k) % len(people)] for k in range(1 + n % 2)))
        co_mentored += [
            IdeaMentor(idea=idea, user=user, position=position)
            for position, user in enumerate(chosen)
        ]
    bulk(co_mentored)


def past_internships(world: World) -> None:
    """Ten past rounds with 500 internships each (5,000 at SCALE=1), for the statistics:
    half the organizations took part each year, one intern each, most of them passed."""
    per_round = world.count(500)
    orgs = world.organizations
    taking_part = min(per_round, len(orgs))
    participations = bulk(
        Participation(
            round=past,
            organization=orgs[(year * 7 + i) % len(orgs)],
            status=Participation.Status.ACCEPTED,
            slots_max=3,
            slots_granted=1,
        )
        for year, past in enumerate(world.past_rounds)
        for i in range(taking_part)
    )
    interns = world.users("intern", per_round * len(world.past_rounds))
    statuses = [Internship.Status.COMPLETED] * 8 + [Internship.Status.FAILED] * 2
    bulk(
        Internship(
            participation=participations[year * taking_part + n % taking_part],
            intern=interns[year * per_round + n],
            project_title="An incremental parser",
            status=statuses[n % len(statuses)],
            **windows_from(world.past_rounds[year]),
        )
        for year in range(len(world.past_rounds))
        for n in range(per_round)
    )


def outbox_history(world: World) -> None:
    """10,000 messages already sent in past rounds, as a year of reminders leaves behind."""
    people = world.org_admins + world.mentors
    rounds = cycle(world.past_rounds)
    bulk(
        Message(
            kind="round_deadline",
            recipient=person,
            about=f"round:{next(rounds).pk}:applications_close",
            due_at=world.now - timedelta(days=30 + n % 300),
            subject="A deadline in three days",
            text="The application deadline is in three days.",
            status=Message.Status.SENT,
            attempts=1,
            next_attempt_at=world.now - timedelta(days=30),
            sent_at=world.now - timedelta(days=30),
        )
        for n, person in enumerate(islice(cycle(people), world.count(10_000)))
    )
