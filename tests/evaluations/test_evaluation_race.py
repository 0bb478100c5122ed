"""Two co-mentors submit the midterm at the same instant, on PostgreSQL, where the two
requests really run in parallel on separate connections.

Checking waits a moment so the two overlap. With the lock on the internship's row, the second
waits for the first, sees its result and is refused before it tries to write: one result, one
clear refusal naming who gave it. Without the lock (the control), both check, find no result
and both insert; only the unique constraint (internship, phase, side) keeps the second out,
and the service still turns that into the same refusal instead of an error page."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError

from evaluations.models import Evaluation, Internship
from evaluations.services import evaluating
from tests.evaluations.evaluation_world import internship_at, mentor_answers
from tests.factories import MembershipFactory, UserFactory
from tests.races import at_once

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def co_mentors(participation, applicant, mentor):
    cora = UserFactory(display_name="Cora Comentor")
    MembershipFactory(participation=participation, user=cora)
    internship = internship_at(participation, applicant, [mentor, cora])
    return internship, [mentor, cora]


@pytest.fixture
def inserts(monkeypatch):
    """How many times a mentor result was written (attempted), across threads."""
    attempts: list[str] = []
    save = Evaluation.save

    def counted(self, *args, **kwargs):
        attempts.append(self.submitted_by.name)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Evaluation, "save", counted)
    return attempts


def _submit(internship, person, result):
    def call():
        loaded = Internship.objects.select_related("participation__round").get(pk=internship.pk)
        evaluating.submit_mentor_evaluation(
            internship=loaded,
            phase="midterm",
            by=person,
            answers=mentor_answers(result=result, action="pay" if result == "pass" else "end"),
        )

    return call


def test_two_co_mentors_at_the_same_instant_leave_one_result_and_one_refusal(
    requires_postgres, monkeypatch, co_mentors, inserts
):
    internship, (mira, cora) = co_mentors
    checked = evaluating._check_asked

    def check_then_linger(**kwargs):
        checked(**kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(evaluating, "_check_asked", check_then_linger)

    errors = at_once(_submit(internship, mira, "pass"), _submit(internship, cora, "fail"))

    (result,) = Evaluation.objects.all()
    (refused,) = errors
    assert isinstance(refused, ValidationError)
    assert f"already submitted by {result.submitted_by.name}" in refused.messages[0]
    assert len(inserts) == 1  # the second never tried to write


def test_without_the_lock_both_find_no_result_and_try_to_write(
    requires_postgres, monkeypatch, co_mentors, inserts
):
    """The control: without the lock, and with both held right after the check the lock
    protects, both find no result and both insert; the constraint keeps one."""
    internship, (mira, cora) = co_mentors
    monkeypatch.setattr(evaluating, "lock", lambda i: Internship.objects.get(pk=i.pk))
    checked = evaluating._check_asked
    both_checked = threading.Barrier(2, timeout=10)

    def check_then_wait(**kwargs):
        checked(**kwargs)
        both_checked.wait()

    monkeypatch.setattr(evaluating, "_check_asked", check_then_wait)

    errors = at_once(_submit(internship, mira, "pass"), _submit(internship, cora, "fail"))

    assert len(inserts) == 2
    assert Evaluation.objects.count() == 1
    (refused,) = errors
    assert isinstance(refused, ValidationError)
    assert "already submitted by" in refused.messages[0]
