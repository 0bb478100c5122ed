"""Demo project ideas: QEMU's two ideas of 2017, imported from their wiki page into the demo's
current Google Summer of Code round, then reviewed and approved.

Called by `manage.py demo` after the programs part (see programs.demo): `extend(world)`.
The page (demo_pages/qemu-gsoc-2017.wiki) is QEMU's, with the demo mentor (Mira Mentor,
mentor@example.org) added as a co-mentor of each idea, so the import matches her account by
email and she finds them among her ideas; the others it names have no account here and are
kept as written. The org admin imports the page, Mira submits each idea, the org admin
approves it (one approval, the default rule), all a day or more before the round's ideas
date when that has passed. An organization that has not applied yet keeps them as drafts.
"""

from datetime import datetime, timedelta
from pathlib import Path

from programs.demo.world import DemoWorld
from programs.models import Participation
from projects.models import IdeaEvent, IdeaReview, ProjectIdea
from projects.services.wiki_import import ideas_import

PAGE = Path(__file__).with_name("demo_pages") / "qemu-gsoc-2017.wiki"
Status = ProjectIdea.Status


def extend(world: DemoWorld) -> None:
    participation = world.participations.get(("gsoc", "qemu"))
    if participation is None:
        return
    admin = world.accounts["org_admin"]
    report = ideas_import(
        participation=participation, text=PAGE.read_text(encoding="utf-8"), by=admin
    )
    if not report.ok:  # the page ships with the code: a problem here is a bug
        raise RuntimeError("; ".join(str(problem) for problem in report.problems))
    if participation.status in (Participation.Status.APPLIED, Participation.Status.ACCEPTED):
        approved_at = min(
            participation.round.ideas_published - timedelta(days=1),
            world.now - timedelta(hours=1),
        )
        for idea in report.ideas:
            _approve(world, idea, approved_at)


def _approve(world: DemoWorld, idea: ProjectIdea, approved_at: datetime) -> None:
    """Rows as the review flow leaves them: written, submitted by the mentor, approved."""
    admin, mentor = world.accounts["org_admin"], world.accounts["mentor"]
    submitted_at = approved_at - timedelta(days=2)
    written_at = submitted_at - timedelta(days=3)
    ProjectIdea.objects.filter(pk=idea.pk).update(
        status=Status.APPROVED,
        revision=1,
        created_at=written_at,
        submitted_at=submitted_at,
        approved_at=approved_at,
    )
    IdeaEvent.objects.filter(idea=idea).update(at=written_at)
    IdeaEvent.objects.bulk_create(
        [
            IdeaEvent(
                idea=idea,
                actor=mentor,
                from_status=Status.DRAFT,
                to_status=Status.SUBMITTED,
                at=submitted_at,
            ),
            IdeaEvent(
                idea=idea,
                actor=admin,
                from_status=Status.SUBMITTED,
                to_status=Status.APPROVED,
                comment=f"Approved by {admin.name}.",
                at=approved_at,
            ),
        ]
    )
    review = IdeaReview.objects.create(
        idea=idea,
        reviewer=admin,
        revision=1,
        verdict=IdeaReview.Verdict.APPROVE,
        comment="Well scoped, and the block layer maintainers agree with the approach.",
        well_defined=True,
        self_contained=True,
        uncontroversial=True,
        incremental=True,
    )
    IdeaReview.objects.filter(pk=review.pk).update(created_at=approved_at)
