"""The past rounds' alumni: who chose to be listed, their final work links, certificates."""

from datetime import timedelta

from benchmarks.seed.world import World, bulk
from evaluations.models import Certificate, Evaluation, EvaluationPhase, Internship


def alumni_and_certificates(world: World) -> None:
    """Of the past rounds' completed internships (4,000 at SCALE=1), three in four listed
    among the alumni; each with the intern's final evaluation carrying the work link, and a
    certificate, one in fifty revoked. The certificate pages are timed on the first one of
    the timed organization, or else the first one."""
    completed = list(
        Internship.objects.filter(
            participation__round__in=world.past_rounds, status=Internship.Status.COMPLETED
        )
        .select_related("intern", "participation")
        .order_by("pk")
    )
    listed = [i.pk for n, i in enumerate(completed) if n % 4 != 3]
    Internship.objects.filter(pk__in=listed).update(listed_as_alumni=True)
    bulk(
        Evaluation(
            internship=internship,
            phase=EvaluationPhase.FINAL,
            side=Evaluation.Side.INTERN,
            submitted_by_id=internship.intern_id,
            submitted_at=internship.final_closes - timedelta(days=2),
            about_mentors="Patient, quick reviews.",
            about_organization="A welcoming community.",
            work_url=f"https://git.example.org/parser/-/merge_requests/{internship.pk}",
        )
        for internship in completed
    )
    certificates = bulk(
        Certificate(
            internship=internship,
            name=internship.intern.name,
            issued_at=internship.final_closes,
            revoked_at=internship.final_closes + timedelta(days=30) if n % 50 == 49 else None,
            revoked_reason="Plagiarised work." if n % 50 == 49 else "",
        )
        for n, internship in enumerate(completed)
    )
    org = world.participation.organization_id
    timed = [c for c in certificates if not c.revoked_at]
    world.certificate = next(
        (c for c in timed if c.internship.participation.organization_id == org), timed[0]
    )
