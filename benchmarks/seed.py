"""The benchmark's data: one program with a current round and ten past ones, in bulk inserts.

`SCALE=1` is a current round of 1,000 accepted organizations with 10,000 published ideas,
2,000 org admins and 3,000 mentors, and ten past rounds with 5,000 internships between them
(the statistics page); `SCALE=0.1` a tenth of each. Every count goes through `World.count`.

Each step is one function that takes the `World`, inserts its rows with `bulk_create` in
batches (never a factory row by row: a million rows must seed in a minute), and keeps on the
world what later steps and the pages need. A later part adds its data with one function and
one line in `STEPS` (applicants, proposals, internships of the current round ...).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import cycle, islice

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from applications.models import Application, Contribution, Proposal
from evaluations.models import Internship, WeeklyMeeting
from evaluations.models.internship import windows_from
from notifications.models import Message
from people.models import User
from programs.models import Membership, Organization, Participation, Program, Round, RuleSet
from programs.schedules import dates_from, dates_in_phase
from programs.timeline import Phase
from projects.models import IdeaMentor, ProjectIdea, SkillLevel, Tag
from selection.models import (
    Candidacy,
    Conflict,
    Interview,
    InterviewInvitation,
    InterviewSlot,
    MentorCommitment,
    Review,
)
from selection.services.interviews import MAX_OPEN_SLOTS

BATCH = 2000
PAST_ROUNDS = 10
LANGUAGES = ["C", "C++", "Rust", "Python", "Go", "JavaScript", "Java", "Haskell", "Shell", "Ruby"]
SKILLS = list(SkillLevel.values)
HOURS = [90, 175, 350]
DESCRIPTION = (
    "**Why.** The parser re-reads the whole file on each change; make it incremental.\n\n"
    "**How.** Keep a tree of spans, re-parse the edited one, and measure it on real files.\n\n"
    "* Week 1-2: read the code, write a benchmark\n* Week 3-8: the incremental parser\n"
    "* Week 9-12: tests, documentation, upstream review\n"
)


@dataclass
class World:
    """What the seed made, for the next steps and for the pages' addresses."""

    scale: float
    now: datetime = field(default_factory=timezone.now)
    password: str = field(default_factory=lambda: make_password(None))
    program: Program | None = None
    round: Round | None = None
    past_rounds: list[Round] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    program_admin: User | None = None
    org_admins: list[User] = field(default_factory=list)
    mentors: list[User] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    ideas: list[ProjectIdea] = field(default_factory=list)
    applicants: list[User] = field(default_factory=list)
    # The proposal a review page is timed on (one of the timed organization's).
    reviewed_proposal: int = 0
    internships: list[Internship] = field(default_factory=list)

    def count(self, at_scale_1: int) -> int:
        """How many rows of something there are at this scale (at least one)."""
        return max(1, round(at_scale_1 * self.scale))

    def users(self, prefix: str, how_many: int) -> list[User]:
        return bulk(
            User(
                email=f"{prefix}{i}@bench.example",
                display_name=f"{prefix.title()} {i}",
                password=self.password,
            )
            for i in range(how_many)
        )

    # The one organization, idea and people the organization-level pages are timed on: in
    # the middle of the list, so neither the first nor the last row is favoured.
    @property
    def participation(self) -> Participation:
        return self.participations[len(self.participations) // 2]

    @property
    def idea(self) -> ProjectIdea:
        return next(i for i in self.ideas if i.participation_id == self.participation.pk)

    def viewers(self) -> dict[str, User | None]:
        """Who asks for the pages: nobody, the program admin, an org admin of the timed
        organization and a mentor of its timed idea."""
        return {
            "anonymous": None,
            "program_admin": self.program_admin,
            "org_admin": Membership.objects.filter(
                participation=self.participation, role=Membership.Role.ORG_ADMIN
            )
            .select_related("user")
            .first()
            .user,
            "mentor": IdeaMentor.objects.filter(idea=self.idea).select_related("user")[0].user,
            "applicant": self.applicants[0] if self.applicants else None,
            "intern": self.internship.intern if self.internships else None,
        }

    @property
    def internship(self) -> Internship:
        """The internship the internship pages are timed on: the timed idea's."""
        return next(i for i in self.internships if i.idea_id == self.idea.pk)

    def addresses(self) -> dict[str, str]:
        """The names the page list's addresses use: {program}, {round}, {org}, {idea}."""
        return {
            "program": self.program.slug,
            "round": self.round.slug,
            "org": self.participation.organization.slug,
            "idea": self.idea.slug,
            "language": self.tags[0].slug,
            "proposal": str(self.reviewed_proposal),
            "internship": str(self.internship.pk) if self.internships else "0",
        }


def bulk(rows, batch: int = BATCH) -> list:
    """Insert rows of one model in batches; the saved objects, with their primary keys."""
    rows = list(rows)
    if not rows:
        return []
    return type(rows[0]).objects.bulk_create(rows, batch_size=batch)


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


def applicants_and_proposals(world: World) -> None:
    """20,000 applicants with an application each to the current round, 30,000 proposals to
    its ideas (one in ten a draft, the rest submitted; the first 10,000 applicants write two),
    and 20,000 contributions, half accepted and confirmed. The timed organization asks for
    one accepted contribution by the application deadline, and the first applicant (the
    dashboard's viewer) writes to its timed idea. Submissions are days old, so the mentors'
    digest has nothing from the last day and the timed sweep stays the deadlines'."""
    how_many = world.count(20_000)
    world.applicants = world.users("applicant", how_many)
    round_ = world.round
    applications = bulk(
        Application(applicant=person, round=round_, hours_per_week=20 + i % 20)
        for i, person in enumerate(world.applicants)
    )
    timed = world.ideas.index(world.idea)
    submitted_at = round_.applications_open + timedelta(hours=12)
    second = world.count(30_000) - how_many

    def proposal(n: int, application: Application, idea: ProjectIdea) -> Proposal:
        draft = n % 10 == 9
        return Proposal(
            applicant_id=application.applicant_id,
            application=application,
            idea=idea,
            title=f"Proposal {n}: {idea.title}",
            problem="The parser re-reads the whole file on each change.",
            outline="Keep a tree of spans and re-parse the edited one.",
            status=Proposal.Status.DRAFT if draft else Proposal.Status.SUBMITTED,
            submitted_at=None if draft else submitted_at,
        )

    ideas_count = len(world.ideas)
    rows = [
        proposal(i, a, world.ideas[(timed + i * 7) % ideas_count])
        for i, a in enumerate(applications)
    ]
    if ideas_count > 1:
        rows += [
            proposal(how_many + i, a, world.ideas[(timed + i * 7 + 1) % ideas_count])
            for i, a in enumerate(applications[:second])
        ]
    bulk(rows)
    timed_participation = world.participation
    Participation.objects.filter(pk=timed_participation.pk).update(
        gate_contributions=1, gate_deadline=round_.applications_close
    )
    participations = world.participations
    accepted_on = (round_.applications_open + timedelta(days=1)).date()
    bulk(
        Contribution(
            applicant=person,
            participation=(
                timed_participation if i % 10 == 0 else participations[i % len(participations)]
            ),
            url=f"https://git.example.org/merge_requests/{i}",
            description="Fixes a crash found by the fuzzer, with a test.",
            state=Contribution.State.ACCEPTED if i % 2 == 0 else Contribution.State.SUBMITTED,
            accepted_at=accepted_on if i % 2 == 0 else None,
            verdict=(
                Contribution.Verdict.CONFIRMED if i % 2 == 0 else Contribution.Verdict.UNREVIEWED
            ),
            reviewed_at=submitted_at if i % 2 == 0 else None,
        )
        for i, person in enumerate(islice(cycle(world.applicants), world.count(20_000)))
    )
    # As autovacuum would after a bulk load: without statistics the planner takes a table
    # of 30,000 proposals for an empty one and scans it whole for one organization's rows.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE applications_application, applications_proposal, "
                "applications_contribution, projects_projectidea, programs_participation"
            )


def selections(world: World) -> None:
    """The current round's selection under way: every submitted proposal a candidacy, ranked
    within its organization (where an earlier step did not already), the first two ranked of
    each organization selected with a committed mentor, and, for 100 applicants whose two
    proposals went to two organizations, both selected: the round's open conflicts."""
    round_ = world.round
    existing = set(
        Candidacy.objects.filter(participation__round=round_).values_list("pk", flat=True)
    )
    ranks: dict[int, int] = dict(
        Candidacy.objects.filter(participation__round=round_, rank__isnull=False)
        .values("participation")
        .annotate(last=Max("rank"))
        .values_list("participation", "last")
    )
    rows = []
    submitted = (
        Proposal.objects.submitted()
        .filter(application__round=round_)
        .values_list("pk", "applicant_id", "idea__participation_id")
        .order_by("idea__participation_id", "pk")
    )
    for pk, applicant, participation in submitted:
        if pk in existing:
            continue
        ranks[participation] = ranks.get(participation, 0) + 1
        rows.append(
            Candidacy(
                proposal_id=pk,
                participation_id=participation,
                applicant_id=applicant,
                rank=ranks[participation],
            )
        )
    bulk(rows)
    ranked = Candidacy.objects.filter(participation__round=round_, rank__isnull=False)
    chosen = set(ranked.filter(rank__lte=2).values_list("pk", flat=True))
    # Applicants whose two proposals went to two organizations: both selected.
    places: dict[int, list[tuple[int, int]]] = {}
    for pk, applicant, participation in ranked.values_list(
        "pk", "applicant_id", "participation_id"
    ):
        places.setdefault(applicant, []).append((pk, participation))
    doubled = [
        rows_of
        for rows_of in places.values()
        if len({participation for _, participation in rows_of}) > 1
    ][: world.count(100)]
    chosen |= {pk for rows_of in doubled for pk, _ in rows_of}
    selected_at = round_.applications_close
    Candidacy.objects.filter(pk__in=chosen).update(selected_at=selected_at)
    mentor_of = dict(
        Membership.objects.filter(
            participation__round=round_, role=Membership.Role.MENTOR
        ).values_list("participation_id", "user_id")
    )
    bulk_ignoring = MentorCommitment.objects.bulk_create
    bulk_ignoring(
        [
            MentorCommitment(proposal_id=pk, mentor_id=mentor_of[participation])
            for pk, participation in ranked.filter(pk__in=chosen).values_list(
                "pk", "participation_id"
            )
            if participation in mentor_of
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    bulk(
        Conflict(round=round_, applicant_id=applicant, opened_at=selected_at)
        for applicant in Candidacy.objects.selected()
        .filter(participation__round=round_)
        .values("applicant")
        .annotate(n=Count("pk"))
        .filter(n__gt=round_.rules.max_accepted_per_applicant)
        .values_list("applicant", flat=True)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE selection_candidacy, selection_conflict, selection_mentorcommitment"
            )


def reviews_and_rankings(world: World) -> None:
    """The review: every submitted proposal of the round scored by one mentor of its
    organization, and the timed organization's by each of its mentors; there, two in three
    proposals have a mentor who will mentor them, each has a candidacy (the committed ones
    ranked in order, one in four flagged for an interview, one in ten set aside as spam).
    The first of its proposals is the one the review page is timed on."""
    mentors_of: dict[int, list[User]] = {}
    for p, user in zip(cycle(world.participations), world.mentors, strict=False):
        mentors_of.setdefault(p.pk, []).append(user)
    timed = world.participation
    submitted = list(
        Proposal.objects.filter(
            idea__participation__round=world.round, status=Proposal.Status.SUBMITTED
        )
        .order_by("pk")
        .values_list("pk", "applicant_id", "idea__participation_id")
    )
    bulk(
        Review(
            proposal_id=pk,
            mentor=mentor,
            score=1 + (n + k) % 5,
            comment="Clear problem statement; the schedule is tight in weeks 3 to 8.",
        )
        for n, (pk, _, participation_id) in enumerate(submitted)
        for k, mentor in enumerate(
            mentors_of.get(participation_id, [])[: None if participation_id == timed.pk else 1]
        )
    )
    theirs = [row for row in submitted if row[2] == timed.pk]
    people = mentors_of.get(timed.pk) or world.mentors[:1]
    commitments, candidacies, rank = [], [], 0
    for n, (pk, applicant_id, _) in enumerate(theirs):
        aside = n % 10 == 9
        committed = n % 3 != 2 and not aside
        if committed:
            rank += 1
            commitments.append(MentorCommitment(proposal_id=pk, mentor=people[n % len(people)]))
        candidacies.append(
            Candidacy(
                proposal_id=pk,
                participation=timed,
                applicant_id=applicant_id,
                rank=rank if committed else None,
                interview_flagged_at=world.now if n % 4 == 0 and not aside else None,
                set_aside=Candidacy.SetAside.SPAM if aside else "",
                set_aside_at=world.now if aside else None,
            )
        )
    bulk(commitments)
    bulk(candidacies)
    world.reviewed_proposal = theirs[0][0] if theirs else submitted[0][0]


def interviews(world: World) -> None:
    """20,000 interview slots in the round (each mentor offers some, an hour each from
    tomorrow on; the timed idea's mentor the most one may, MAX_OPEN_SLOTS, in the timed
    organization), the timed organization's submitted proposals flagged for interview, that
    mentor's invitation to each of their applicants, and bookings of all but the first
    applicant's (the interviews page's viewer, who sees the mentor's free slots)."""
    start = (world.now + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    hour = timedelta(hours=1)
    timed = world.participation
    interviewer = IdeaMentor.objects.filter(idea=world.idea).select_related("user")[0].user
    per_mentor = max(1, world.count(20_000) // max(1, len(world.mentors)))
    pairs = [
        (p, user)
        for p, user in zip(cycle(world.participations), world.mentors, strict=False)
        if user.pk != interviewer.pk
    ]
    bulk(
        InterviewSlot(
            participation=p,
            mentor=user,
            starts_at=start + k * hour,
            ends_at=start + (k + 1) * hour,
            where="https://meet.example.org/interviews",
        )
        for p, user in pairs
        for k in range(per_mentor)
    )
    offered = bulk(
        InterviewSlot(
            participation=timed,
            mentor=interviewer,
            starts_at=start + k * hour,
            ends_at=start + (k + 1) * hour,
            where="https://meet.example.org/interviews",
        )
        for k in range(MAX_OPEN_SLOTS)
    )
    submitted = Proposal.objects.submitted().filter(idea__participation=timed).order_by("pk")
    flagged_at = world.round.applications_close - timedelta(days=1)
    # The review step made candidacies for some of these already: flag those in the running.
    existing = set(Candidacy.objects.filter(participation=timed).values_list("pk", flat=True))
    bulk(
        Candidacy(proposal=proposal, participation=timed, applicant_id=proposal.applicant_id)
        for proposal in submitted
        if proposal.pk not in existing
    )
    in_the_running = Candidacy.objects.in_the_running().filter(participation=timed)
    in_the_running.update(interview_flagged_at=flagged_at)
    candidacies = list(in_the_running.order_by("pk"))
    invitations = bulk(
        InterviewInvitation(candidacy=c, mentor=interviewer, invited_at=flagged_at)
        for c in candidacies
    )
    viewer = world.applicants[0].pk if world.applicants else None
    waiting = [i for i in invitations if i.candidacy.applicant_id != viewer]
    bulk(
        Interview(
            slot=slot,
            invitation=invitation,
            mentor=interviewer,
            applicant_id=invitation.candidacy.applicant_id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            booked_at=flagged_at,
        )
        for slot, invitation in zip(offered, waiting, strict=False)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE selection_interviewslot, selection_interview, "
                "selection_interviewinvitation, selection_candidacy"
            )


def current_internships(world: World) -> None:
    """2,000 internships of the current round (one per idea, the timed idea's among them),
    each with its idea's mentors, and their weekly meetings: weeks 1 to 5 logged (week 2 left
    out in one internship of three, so pages show missing weeks), the first four confirmed.
    The round itself is in its application period; these internships carry their own dates,
    coding five weeks in (as an extension could), so the pages have weeks behind and ahead.
    Week 5, the one whose reminder is due when the sweep is timed (days after the seed), is
    logged everywhere: the timed sweep stays the deadlines'."""
    how_many = min(world.count(2000), len(world.ideas))
    timed = world.ideas.index(world.idea)
    ideas = [world.ideas[(timed + n) % len(world.ideas)] for n in range(how_many)]
    interns = world.users("intern-now", how_many)
    starts = world.now - timedelta(weeks=5, days=1)
    dates = {
        "starts_at": starts,
        "ends_at": starts + timedelta(weeks=12),
        "midterm_opens": starts + timedelta(weeks=6),
        "midterm_closes": starts + timedelta(weeks=7),
        "final_opens": starts + timedelta(weeks=12),
        "final_closes": starts + timedelta(weeks=13),
    }
    world.internships = bulk(
        Internship(
            participation_id=idea.participation_id,
            intern=intern,
            idea=idea,
            project_title=idea.title,
            **dates,
        )
        for idea, intern in zip(ideas, interns, strict=True)
    )
    mentors_of: dict[int, list[int]] = {}
    for idea_id, user_id in IdeaMentor.objects.filter(idea__in=ideas).values_list(
        "idea_id", "user_id"
    ):
        mentors_of.setdefault(idea_id, []).append(user_id)
    through = Internship.mentors.through
    bulk(
        through(internship_id=internship.pk, user_id=user_id)
        for internship in world.internships
        for user_id in mentors_of.get(internship.idea_id, [])
    )

    def meeting(internship: Internship, week: int) -> WeeklyMeeting:
        held = starts + timedelta(weeks=week - 1, days=2)
        mentor = (mentors_of.get(internship.idea_id) or [None])[0]
        confirmed = week < 5 and mentor is not None
        return WeeklyMeeting(
            internship=internship,
            week=week,
            held_at=held,
            attendees="The intern and the mentors",
            progress="The benchmark runs; the span tree is half done.",
            blockers="Review is slow upstream.",
            next_steps="Finish the span tree, send the first series.",
            written_by_id=internship.intern_id,
            written_at=held,
            updated_at=held,
            confirmed_by_id=mentor if confirmed else None,
            confirmed_at=held + timedelta(days=1) if confirmed else None,
        )

    bulk(
        meeting(internship, week)
        for n, internship in enumerate(world.internships)
        for week in range(1, 6)
        if not (week == 2 and n % 3 == 1)
    )


# The steps, in order; a later part appends its own.
STEPS = [
    program_and_rounds,
    organizations,
    org_admins_and_mentors,
    ideas,
    past_internships,
    outbox_history,
    applicants_and_proposals,
    reviews_and_rankings,
    selections,
    interviews,
    current_internships,
]


@transaction.atomic
def seed(scale: float) -> World:
    world = World(scale=scale)
    for step in STEPS:
        step(world)
    return world
