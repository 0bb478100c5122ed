"""Past interns for the alumni and certificate tests: a completed internship in a round of a
given year, its final work link, its certificate."""

from datetime import UTC, datetime

from django.utils import timezone

from evaluations.models import Evaluation, EvaluationPhase, Internship
from programs.schedules import dates_from
from tests.factories import (
    CertificateFactory,
    InternEvaluationFactory,
    InternshipFactory,
    ParticipationFactory,
    RoundFactory,
    UserFactory,
)


def round_of(program, year: int):
    """The program's round whose coding starts in `year` (made when missing)."""
    return program.rounds.filter(coding_start__year=year).first() or RoundFactory(
        program=program,
        name=f"{program.name} {year}",
        slug=f"{program.slug}-{year}",
        **dates_from(datetime(year, 1, 15, tzinfo=UTC)),
    )


def participation_in(program, year: int, organization):
    round_ = round_of(program, year)
    return round_.participations.filter(organization=organization).first() or ParticipationFactory(
        round=round_, organization=organization
    )


def alumnus(
    program,
    year: int,
    organization,
    *,
    name: str = "Ada Alumna",
    listed: bool = True,
    status: str = Internship.Status.COMPLETED,
    work_url: str | None = "https://gitlab.com/qemu/qemu/-/merge_requests/1",
    **extra,
) -> Internship:
    """An internship of `year` with `organization`, completed and listed unless told, with
    the intern's final evaluation carrying `work_url` (none when None)."""
    internship = InternshipFactory(
        participation=participation_in(program, year, organization),
        intern=extra.pop("intern", None) or UserFactory(display_name=name),
        status=status,
        listed_as_alumni=listed,
        project_title=extra.pop("project_title", "Disk backup"),
        **extra,
    )
    if work_url is not None:
        InternEvaluationFactory(
            internship=internship,
            phase=EvaluationPhase.FINAL,
            side=Evaluation.Side.INTERN,
            work_url=work_url,
        )
    return internship


def certified(internship: Internship, **extra):
    return CertificateFactory(
        internship=internship,
        name=str(internship.intern),
        issued_at=extra.pop("issued_at", timezone.now()),
        **extra,
    )
