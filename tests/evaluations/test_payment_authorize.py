"""A milestone authorizes its share of the stipend once (`payments.authorize`, shared with the
settle sweep): the share from the round's split, nothing for a milestone the split leaves out
or gives 0%, held with the reason when asked, and one row even when two authorize at once on
PostgreSQL (the database's constraint, the loser reading the winner's row)."""

import threading

import pytest

from evaluations.models import Payment
from evaluations.services import payments as services
from tests.evaluations.internship_world import running_internship
from tests.races import at_once

Status = Payment.Status


@pytest.fixture
def internship(participation, applicant):
    return running_internship(participation, applicant)


def split(internship, parts):
    rules = internship.participation.round.rules
    rules.stipend_split = parts
    rules.save(update_fields=["stipend_split"])
    return internship


@pytest.mark.django_db
def test_each_milestone_takes_its_share_of_the_rounds_split(internship):
    made = {m: services.authorize(internship, m) for m in ("start", "midterm", "final")}

    assert {m: p.percent for m, p in made.items()} == {"start": 10, "midterm": 45, "final": 45}
    assert {p.status for p in made.values()} == {Status.WAITING}


@pytest.mark.django_db
def test_a_milestone_the_split_leaves_out_or_gives_nothing_pays_nothing(internship):
    split(
        internship, [{"milestone": "start", "percent": 0}, {"milestone": "final", "percent": 100}]
    )

    assert services.authorize(internship, "start") is None
    assert services.authorize(internship, "midterm") is None
    assert services.authorize(internship, "final").percent == 100
    assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_a_held_payment_is_made_with_why(internship):
    held = services.authorize(internship, "midterm", held_because="No intern evaluation.")

    assert (held.status, held.reason) == (Status.HELD, "No intern evaluation.")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_authorizations_at_once_make_one_payment(requires_postgres, monkeypatch, internship):
    """Both look, find nothing and insert together: the constraint keeps one row, and the
    other call returns it instead of failing."""
    both_looked = threading.Barrier(2, timeout=10)
    create = Payment.objects.create

    def create_together(**kwargs):
        both_looked.wait()
        return create(**kwargs)

    monkeypatch.setattr(Payment.objects, "create", create_together)
    made: list[Payment] = []

    errors = at_once(*[lambda: made.append(services.authorize(internship, "start"))] * 2)

    assert errors == []
    assert Payment.objects.count() == 1
    assert [p.pk for p in made] == [Payment.objects.get().pk] * 2
