"""Two program admins decide the same midterm at the same instant on PostgreSQL: one
decision, one status change, one payment; the other admin is told it was decided.

The internship's row lock makes the second wait and read the first's decision. The control
takes the lock away and holds both after their look for an earlier decision: the database's
one-decision-per-phase constraint still keeps one, and the second is refused with the
clear message rather than a server error."""

import threading

import pytest
from django.core.exceptions import ValidationError

from evaluations.models import Decision, Internship, InternshipEvent, Payment
from evaluations.services import decisions
from tests.evaluations.internship_world import running_internship
from tests.factories import UserFactory
from tests.races import at_once

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admins(db):
    return [UserFactory(is_program_admin=True) for _ in range(2)]


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor], weeks_in=8)


def decide_both(internship, admins, outcomes=("passed", "failed")):
    def deciding(admin, outcome):
        def call():
            loaded = Internship.objects.get(pk=internship.pk)
            decisions.decide(
                internship=loaded, phase="midterm", outcome=outcome, reason="Seen.", by=admin
            )

        return call

    return at_once(*[deciding(a, o) for a, o in zip(admins, outcomes, strict=True)])


def test_two_admins_at_once_make_one_decision(requires_postgres, internship, admins):
    errors = decide_both(internship, admins)

    (refused,) = errors
    assert isinstance(refused, ValidationError)
    assert "decided already" in str(refused)
    decision = Decision.objects.get()
    assert InternshipEvent.objects.count() == 1
    assert (
        Internship.objects.get().status
        == {"passed": "midterm_passed", "failed": "failed"}[decision.outcome]
    )
    assert Payment.objects.filter(milestone="midterm").count() == (decision.outcome == "passed")


def test_without_the_lock_the_constraint_keeps_one_and_the_second_is_told(
    requires_postgres, monkeypatch, internship, admins
):
    both_looked = threading.Barrier(2, timeout=10)
    monkeypatch.setattr(decisions, "lock", lambda i: Internship.objects.get(pk=i.pk))
    create = Decision.objects.create

    def create_after_both_looked(**kwargs):
        both_looked.wait()
        return create(**kwargs)

    monkeypatch.setattr(Decision.objects, "create", create_after_both_looked)

    errors = decide_both(internship, admins)

    (refused,) = errors
    assert "decided by someone else just now" in str(refused)
    assert Decision.objects.count() == 1
