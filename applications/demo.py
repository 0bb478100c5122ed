"""Demo applications: from the application period of the main Google Summer of Code round on,
applicants with drafts and submitted proposals to QEMU's ideas, and contributions to QEMU and
to Ganeti (whose participation asks for one accepted contribution), some confirmed by a
mentor, some not. Later phases keep them as they stood at the deadline.

Called by `manage.py demo` after the projects part (see programs.demo): `extend(world)`.
Ana Applicant (applicant@example.org) holds one draft and one submitted proposal, a confirmed
contribution to QEMU and one to Ganeti not reviewed yet; placeholder applicants fill Mira
Mentor's list of submitted proposals. Rows are written directly, with their moments inside
the application period and before now, as the pages and services would have left them.
"""

from datetime import datetime, timedelta

from applications.models import Application, Contribution, Proposal, ProposalWeek
from programs.demo.accounts import placeholder_rows
from programs.demo.world import DemoWorld, reached
from programs.models import Participation
from programs.timeline import Phase
from projects.models import ProjectIdea

# Placeholder applicants with a submitted proposal each, in Mira's list.
OTHER_APPLICANTS = (
    ("Chen Wei", "Asia/Shanghai"),
    ("Fatima Diallo", "Africa/Dakar"),
    ("Lucas Moreau", "Europe/Paris"),
    ("Priya Nair", "Asia/Kolkata"),
    ("Sam Okafor", "Africa/Lagos"),
    ("Sofia Rossi", "Europe/Rome"),
)
WEEKS = 12


def extend(world: DemoWorld) -> None:
    if not reached(world.phase, Phase.APPLICATIONS):
        return
    qemu = world.participations.get(("gsoc", "qemu"))
    ganeti = world.participations.get(("gsoc", "ganeti"))
    if qemu is None or qemu.status != Participation.Status.ACCEPTED:
        return
    ideas = list(ProjectIdea.objects.filter(participation=qemu).order_by("pk"))
    if not ideas:
        return
    round_ = world.main_round
    moment = _moments(round_.applications_open, min(world.now, round_.applications_close))
    mentor = world.accounts["mentor"]

    ana = world.accounts["applicant"]
    application = _application(ana, round_, moment(0.1), hours=30)
    _proposal(application, ideas[0], moment(0.3), submitted_at=moment(0.5), schedule_from=round_)
    if len(ideas) > 1:
        _proposal(application, ideas[1], moment(0.6))
    _contribution(
        ana,
        qemu,
        moment(0.15),
        accepted_on=moment(0.2),
        confirmed_by=mentor,
        reviewed_at=moment(0.25),
    )
    if ganeti is not None and ganeti.status == Participation.Status.ACCEPTED:
        _contribution(ana, ganeti, moment(0.4), accepted_on=moment(0.45))

    others = placeholder_rows(
        [
            (f"applicant-{n:02d}@example.org", name)
            for n, (name, _) in enumerate(OTHER_APPLICANTS, start=1)
        ]
    )
    for index, (person, (_, zone)) in enumerate(zip(others, OTHER_APPLICANTS, strict=True)):
        person.timezone = zone
        person.save(update_fields=["timezone"])
        share = 0.1 + 0.1 * index
        theirs = _application(person, round_, moment(share), hours=20 + 2 * index)
        _proposal(
            theirs,
            ideas[index % len(ideas)],
            moment(share + 0.02),
            submitted_at=moment(share + 0.05),
        )
        confirmed = index % 2 == 0
        _contribution(
            person,
            qemu,
            moment(share + 0.01),
            accepted_on=moment(share + 0.03) if confirmed or index % 3 == 0 else None,
            confirmed_by=mentor if confirmed else None,
            reviewed_at=moment(share + 0.04),
        )


def _moments(start: datetime, end: datetime):
    """A moment `share` of the way from `start` to `end` (0 to 1)."""
    return lambda share: start + (end - start) * min(share, 0.99)


def _application(person, round_, at: datetime, *, hours: int) -> Application:
    application = Application.objects.create(applicant=person, round=round_, hours_per_week=hours)
    Application.objects.filter(pk=application.pk).update(created_at=at, updated_at=at)
    return application


def _proposal(
    application, idea, at: datetime, *, submitted_at=None, schedule_from=None
) -> Proposal:
    proposal = Proposal.objects.create(
        applicant=application.applicant,
        application=application,
        idea=idea,
        title=f"{idea.title}: my plan",
        problem="What is missing today, and who it hurts.",
        outline="How I would build it, in small patches reviewed upstream.",
        status=Proposal.Status.SUBMITTED if submitted_at else Proposal.Status.DRAFT,
        submitted_at=submitted_at,
    )
    Proposal.objects.filter(pk=proposal.pk).update(created_at=at, updated_at=submitted_at or at)
    if schedule_from is not None:  # the round: twelve weeks from its coding start
        coding = schedule_from.coding_start
        ProposalWeek.objects.bulk_create(
            ProposalWeek(
                proposal=proposal,
                number=n,
                starts_on=(coding + timedelta(weeks=n - 1)).date(),
                deliverable=f"Week {n}: a patch series posted for review.",
            )
            for n in range(1, WEEKS + 1)
        )
    return proposal


def _contribution(
    person,
    participation,
    at: datetime,
    *,
    accepted_on: datetime | None = None,
    confirmed_by=None,
    reviewed_at: datetime | None = None,
) -> Contribution:
    contribution = Contribution.objects.create(
        applicant=person,
        participation=participation,
        url=f"https://gitlab.com/{participation.organization.slug}/-/merge_requests/{person.pk}",
        description="Fixes a crash found by the fuzzer, with a test.",
        state=Contribution.State.ACCEPTED if accepted_on else Contribution.State.SUBMITTED,
        accepted_at=accepted_on.date() if accepted_on else None,
        verdict=Contribution.Verdict.CONFIRMED if confirmed_by else Contribution.Verdict.UNREVIEWED,
        reviewed_by=confirmed_by,
        reviewed_at=reviewed_at if confirmed_by else None,
    )
    Contribution.objects.filter(pk=contribution.pk).update(created_at=at, updated_at=at)
    return contribution
