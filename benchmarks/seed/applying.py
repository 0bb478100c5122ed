"""Applicants, their applications, contributions and proposals in the current round."""

from datetime import timedelta
from itertools import cycle, islice

from django.db import connection

from applications.models import Application, Contribution, Proposal
from benchmarks.seed.world import World, bulk
from programs.models import Participation
from projects.models import ProjectIdea


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
