"""What the program admin did with the payments the story authorized: approvals and exports.

The program admin approves each payment two days after it is authorized and exports the
approved ones a week after each milestone of the round (coding start, midterm close, final
close), as the payments page's export does: every approved payment of the round not yet
exported, each in exactly one export. So that each state shows, the round's latest payment
still waits for approval and the one before it was approved only after the last export
(approved, not exported yet); held payments stay held, with their reason.
"""

from datetime import timedelta

from evaluations.models import Payment, PaymentExport
from programs.demo.world import DemoWorld
from programs.models import Round

APPROVED_AFTER = timedelta(days=2)
LATE_APPROVAL = timedelta(days=9)
EXPORTED_AFTER = timedelta(days=7)


def approve_and_export(world: DemoWorld) -> None:
    for round_ in world.rounds.values():
        _round(world, round_)


def _round(world: DemoWorld, round_: Round) -> None:
    now, admin = world.now, world.accounts["program_admin"]
    payments = list(
        Payment.objects.filter(internship__participation__round=round_)
        .exclude(status=Payment.Status.HELD)
        .order_by("created_at", "pk")
    )
    if not payments:
        return
    approvable = payments[:-1]  # the latest waits
    for position, payment in enumerate(approvable):
        late = position == len(approvable) - 1
        approved_at = payment.created_at + (LATE_APPROVAL if late else APPROVED_AFTER)
        if approved_at <= now:
            payment.status, payment.approved_by = Payment.Status.APPROVED, admin
            payment.approved_at = approved_at
    Payment.objects.bulk_update(approvable, ["status", "approved_by", "approved_at"])
    for milestone in (round_.coding_start, round_.midterm_close, round_.final_close):
        at = milestone + EXPORTED_AFTER
        if at > now:
            break
        ready = [
            p
            for p in approvable
            if p.approved_at is not None and p.approved_at <= at and p.export_id is None
        ]
        if not ready:
            continue
        export = PaymentExport.objects.create(round=round_, by=admin, at=at, count=len(ready))
        for payment in ready:
            payment.export = export
        Payment.objects.bulk_update(ready, ["export"])
