"""The current round's stipend payments, in every state the payments pages list."""

from benchmarks.seed.world import World, bulk
from evaluations.models import Payment, PaymentExport


def payments(world: World) -> None:
    """The start-of-coding payment of each current internship (2,000 at SCALE=1): half
    approved and exported in one export (the CSV timed), a quarter approved and not yet
    exported, an eighth held with why, the rest waiting for approval (the page's first
    list). The timed export is kept on the world for its address."""
    now = world.now
    made = PaymentExport.objects.create(round=world.round, by=world.program_admin, at=now, count=0)
    Status = Payment.Status

    def payment(n: int, internship) -> Payment:
        share = n % 8
        exported = share < 4
        approved = share < 6
        held = share == 6
        return Payment(
            internship=internship,
            milestone="start",
            percent=10,
            status=Status.APPROVED if approved else Status.HELD if held else Status.WAITING,
            reason="The intern's midterm evaluation is missing." if held else "",
            created_at=now,
            approved_by=world.program_admin if approved else None,
            approved_at=now if approved else None,
            export=made if exported else None,
        )

    rows = bulk(payment(n, internship) for n, internship in enumerate(world.internships))
    made.count = sum(1 for row in rows if row.export_id == made.pk)
    made.save(update_fields=["count"])
    world.payment_export = made.pk
