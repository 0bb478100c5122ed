"""QEMU's past internships, completed before this site existed: what the site holds of them.

Their evaluations were never made here, so a program admin's decision records each phase as
passed (imported from the organization's records), which the computed outcome shows as
locked rather than as a missing evaluation. Each intern's final evaluation carries the link
to the work, for the alumni pages; each has a certificate; three in four chose to be listed
among the alumni. All in bulk: forty internships, a handful of inserts.
"""

from evaluations.demo.story import INTERN_WORDS
from evaluations.models import Certificate, Decision, Evaluation, EvaluationPhase, Internship
from programs.demo.world import DemoWorld

IMPORTED = "Imported from QEMU's records: evaluated before the site existed."


def past_records(world: DemoWorld) -> None:
    past = list(
        Internship.objects.filter(participation__round__in=world.past_rounds)
        .select_related("intern")
        .order_by("pk")
    )
    admin = world.accounts["program_admin"]
    Decision.objects.bulk_create(
        Decision(
            internship=i,
            phase=phase,
            outcome=Decision.Outcome.PASSED,
            by=admin,
            at=closes,
            reason=IMPORTED,
        )
        for i in past
        for phase, closes in (
            (EvaluationPhase.MIDTERM, i.midterm_closes),
            (EvaluationPhase.FINAL, i.final_closes),
        )
    )
    about_mentors, about_organization = INTERN_WORDS
    Evaluation.objects.bulk_create(
        Evaluation(
            internship=i,
            phase=EvaluationPhase.FINAL,
            side=Evaluation.Side.INTERN,
            submitted_by=i.intern,
            submitted_at=i.final_closes,
            about_mentors=about_mentors,
            about_organization=about_organization,
            work_url=f"https://wiki.example.org/qemu/internships/{i.pk}",
        )
        for i in past
    )
    Certificate.objects.bulk_create(
        Certificate(internship=i, name=str(i.intern), issued_at=i.final_closes) for i in past
    )
    listed = [i.pk for n, i in enumerate(past) if n % 4 != 3]
    Internship.objects.filter(pk__in=listed).update(listed_as_alumni=True)
