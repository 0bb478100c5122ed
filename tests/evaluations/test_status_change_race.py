"""The intern withdraws at the instant the midterm is recorded as failed, on PostgreSQL, where
the two changes really run in parallel on separate connections.

With the lock on the internship's row, the second change waits for the first, reads the new
status and is refused: one change, one record. Without it (the control), both read "active",
both are recorded, and the record says the internship went from active to two places."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from evaluations.models import Internship, InternshipEvent
from evaluations.services import internships as services
from tests.evaluations.internship_world import running_internship

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
Status = Internship.Status


def _at_once(internship, applicant) -> list[BaseException]:
    ready = threading.Barrier(2, timeout=10)
    errors: list[BaseException] = []

    def withdraw():
        loaded = Internship.objects.select_related("participation").get(pk=internship.pk)
        ready.wait()
        services.withdraw(internship=loaded, by=applicant, reason="A job offer.")

    def fail():
        loaded = Internship.objects.get(pk=internship.pk)
        ready.wait()
        services.change_status(internship=loaded, to=Status.FAILED, by=None, reason="Midterm.")

    def run(action):
        try:
            action()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=[a]) for a in (withdraw, fail)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return errors


def test_two_changes_at_once_make_one_change_and_one_refusal(
    requires_postgres, participation, applicant
):
    internship = running_internship(participation, applicant)

    errors = _at_once(internship, applicant)

    (refused,) = errors
    assert isinstance(refused, ValidationError)
    (event,) = InternshipEvent.objects.all()
    assert event.from_status == Status.ACTIVE
    assert Internship.objects.get().status == event.to_status


def test_without_the_lock_both_are_recorded_from_the_same_status(
    requires_postgres, monkeypatch, participation, applicant
):
    """The control: without the lock, and with both made to read before either records,
    each moves the internship from "active"."""
    internship = running_internship(participation, applicant)
    monkeypatch.setattr(services, "lock", lambda i: Internship.objects.get(pk=i.pk))
    both_read = threading.Barrier(2, timeout=10)
    create = InternshipEvent.objects.create

    def create_together(**kwargs):
        both_read.wait()
        return create(**kwargs)

    monkeypatch.setattr(InternshipEvent.objects, "create", create_together)

    errors = _at_once(internship, applicant)

    assert errors == []
    events = InternshipEvent.objects.all()
    assert sorted(e.to_status for e in events) == [Status.FAILED, Status.WITHDRAWN]
    assert {e.from_status for e in events} == {Status.ACTIVE}
