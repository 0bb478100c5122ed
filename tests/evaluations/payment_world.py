"""Payments for the tests: authorized as the settle sweep would, moved on as a program admin
would, and many at once (bulk inserts) for the query-count tests."""

from django.utils import timezone

from evaluations.models import Payment
from evaluations.services import payments as services
from tests.evaluations import bulk
from tests.evaluations.internship_world import running_internship


def intern_with_payment(participation, intern, mentors=(), milestone="start", **kwargs):
    """A running internship and its payment of `milestone`, waiting (or held: held_because)."""
    internship = running_internship(participation, intern, mentors)
    return internship, services.authorize(internship, milestone, **kwargs)


def approved(payment: Payment, by) -> Payment:
    services.approve(round_=payment.internship.participation.round, payment_ids=[payment.pk], by=by)
    payment.refresh_from_db()
    return payment


def many(participation, how_many: int, *, status=Payment.Status.WAITING, by=None, mentor=None):
    """`how_many` internships, each with its start payment in `status` (approved: by `by`)."""
    now = timezone.now()
    internships = bulk.internships(participation, how_many, mentor=mentor)
    return Payment.objects.bulk_create(
        Payment(
            internship=internship,
            milestone="start",
            percent=10,
            status=status,
            reason="The intern evaluation is missing." if status == Payment.Status.HELD else "",
            created_at=now,
            approved_by=by if status == Payment.Status.APPROVED else None,
            approved_at=now if status == Payment.Status.APPROVED else None,
        )
        for internship in internships
    )
