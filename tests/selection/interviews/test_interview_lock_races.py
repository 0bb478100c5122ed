"""The two limits held by a lock rather than a constraint, under two clicks at once on
PostgreSQL (threads, each with its own connection):

- an invitation books one interview: two bookings of two free, non-overlapping slots of the
  inviting mentor, by the same applicant at once (two tabs), give one booking;
- a mentor's slots never overlap: two publishes of overlapping slots at once give one set.

Each with its control: without the lock, both go through.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from selection.models import Interview, InterviewInvitation, InterviewSlot
from selection.services import interviews as services
from tests.races import at_once
from tests.selection.interviews.world import tomorrow_at

pytestmark = pytest.mark.django_db(transaction=True)


def wait_once_for_the_other(monkeypatch, owner, name: str) -> None:
    """Make `owner.name` wait, the first time in each thread, until the other thread got
    there too: both have passed every check before either writes."""
    both_there = threading.Barrier(2, timeout=10)
    local = threading.local()
    original = getattr(owner, name)

    def waiting(*args, **kwargs):
        if not getattr(local, "waited", False):
            local.waited = True
            both_there.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, waiting)


def slow(monkeypatch, owner, name: str) -> None:
    """Make `owner.name` take a moment, so the two requests overlap."""
    original = getattr(owner, name)

    def after_a_moment(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(owner, name, after_a_moment)


# --- One invitation, one booking --------------------------------------------------------------


def book_twice(free_slot, later_slot, applicant) -> list[BaseException]:
    return at_once(
        lambda: services.interview_book(slot=free_slot, applicant=applicant),
        lambda: services.interview_book(slot=later_slot, applicant=applicant),
    )


def test_an_invitation_is_never_used_twice_at_once(
    requires_postgres, monkeypatch, invitation, free_slot, later_slot, applicant
):
    slow(monkeypatch, services, "_invitation_for")

    errors = book_twice(free_slot, later_slot, applicant)

    assert Interview.objects.booked().filter(invitation=invitation).count() == 1
    (refused,) = errors
    assert isinstance(refused, ValidationError)
    assert "move it instead" in refused.messages[0]


def test_without_the_lock_an_invitation_books_two_interviews(
    requires_postgres, monkeypatch, invitation, free_slot, later_slot, applicant
):
    unlocked = InterviewInvitation.objects.select_related("mentor", "candidacy__applicant")
    monkeypatch.setattr(
        services, "_invitation_for", lambda slot, applicant: unlocked.get(pk=invitation.pk)
    )
    wait_once_for_the_other(monkeypatch, services, "refuse_clashes")

    errors = book_twice(free_slot, later_slot, applicant)

    assert errors == []
    assert Interview.objects.booked().filter(invitation=invitation).count() == 2


# --- A mentor's slots never overlap -----------------------------------------------------------


def publish_twice(participation, mentor) -> list[BaseException]:
    def run(starts_at):
        return services.SlotRun(
            starts_at=starts_at,
            count=2,
            length=timedelta(hours=1),
            where="https://meet.example.org",
        )

    return at_once(
        lambda: services.slots_publish(
            participation=participation, mentor=mentor, run=run(tomorrow_at(9))
        ),
        lambda: services.slots_publish(
            participation=participation, mentor=mentor, run=run(tomorrow_at(9, 30))
        ),
    )


def test_two_publishes_at_once_never_make_overlapping_slots(
    requires_postgres, monkeypatch, participation, mentor
):
    slow(monkeypatch, services, "_lock_roles")

    errors = publish_twice(participation, mentor)

    assert InterviewSlot.objects.count() == 2
    (refused,) = errors
    assert "would overlap" in refused.messages[0]


def test_without_the_lock_two_publishes_make_overlapping_slots(
    requires_postgres, monkeypatch, participation, mentor
):
    monkeypatch.setattr(services, "_lock_roles", lambda participation, user: None)
    wait_once_for_the_other(monkeypatch, InterviewSlot, "full_clean")

    errors = publish_twice(participation, mentor)

    assert errors == []
    assert InterviewSlot.objects.count() == 4
