"""Two settle sweeps at the same instant on PostgreSQL (beat ticked twice, a worker slow to
finish): the midterm moves the internship once, with one record and one midterm payment.

With the internship's row locked while it is settled, the second sweep waits, reads the new
status and has nothing to do. Without the locks (the control), both read "active" before
either writes, and the record shows the internship passing its midterm twice."""

import threading

import pytest

from evaluations.models import EvaluationPhase, Internship, InternshipEvent, Payment
from evaluations.services import internships as status_services
from evaluations.services import settling
from tests.evaluations.internship_world import running_internship
from tests.factories import InternEvaluationFactory, MentorEvaluationFactory
from tests.races import at_once

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def passed(participation, applicant, mentor):
    """An internship whose midterm window closed with both evaluations in, the start share
    already paid (so the sweeps race on the midterm alone)."""
    internship = running_internship(participation, applicant, [mentor], weeks_in=8)
    MentorEvaluationFactory(internship=internship, phase=EvaluationPhase.MIDTERM)
    InternEvaluationFactory(internship=internship, phase=EvaluationPhase.MIDTERM)
    settling.settle_one(internship.pk, internship.starts_at)
    return internship


def settle_twice(internship) -> list[BaseException]:
    now = internship.midterm_closes
    return at_once(*[lambda: settling.settle_one(internship.pk, now)] * 2)


def test_two_sweeps_at_once_settle_the_midterm_once(requires_postgres, passed):
    assert settle_twice(passed) == []

    (event,) = InternshipEvent.objects.all()
    assert (event.from_status, event.to_status) == ("active", "midterm_passed")
    assert Payment.objects.filter(milestone="midterm").count() == 1
    assert Internship.objects.get().status == "midterm_passed"


def test_without_the_locks_both_sweeps_record_the_move(requires_postgres, monkeypatch, passed):
    """The control: each sweep reads the internship without a lock and waits for the other
    to have read it too before acting."""
    both_read = threading.Barrier(2, timeout=10)
    read = settling._locked

    def read_unlocked(internship_id):
        found = Internship.objects.select_related("participation__round__rules", "intern").get(
            pk=internship_id
        )
        both_read.wait()
        return found

    assert read  # the guarded read being replaced
    monkeypatch.setattr(settling, "_locked", read_unlocked)
    monkeypatch.setattr(status_services, "lock", lambda i: Internship.objects.get(pk=i.pk))

    assert settle_twice(passed) == []

    events = InternshipEvent.objects.all()
    assert [(e.from_status, e.to_status) for e in events] == [
        ("active", "midterm_passed"),
        ("active", "midterm_passed"),
    ]
