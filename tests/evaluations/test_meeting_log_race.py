"""The intern and a mentor log the same week's meeting at the same instant, on PostgreSQL,
where the two requests really run in parallel on separate connections.

Checking the week waits a moment so the two requests overlap. With the lock on the
internship's row, the second waits for the first, sees its log and is refused before it tries
to write: one log, one clear refusal. Without the lock (the control), both see no log and
both try to insert; only the unique constraint (internship, week) stops the second, which
the service still turns into the same refusal instead of an error page."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from evaluations.models import Internship, WeeklyMeeting
from evaluations.services import meetings as services
from tests.evaluations.internship_world import content, running_internship

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_check(monkeypatch):
    checked = services._check_content

    def check_after_a_moment(*args, **kwargs):
        checked(*args, **kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(services, "_check_content", check_after_a_moment)


@pytest.fixture
def inserts(monkeypatch):
    """How many times a log was written (attempted), across threads."""
    attempts: list[int] = []
    save = WeeklyMeeting.save

    def counted(self, *args, **kwargs):
        attempts.append(self.week)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(WeeklyMeeting, "save", counted)
    return attempts


def _log_at_once(internship, people) -> list[BaseException]:
    both_ready = threading.Barrier(len(people), timeout=10)
    errors: list[BaseException] = []

    def log(person):
        try:
            loaded = Internship.objects.select_related("participation__round").get(pk=internship.pk)
            both_ready.wait()
            services.log_meeting(internship=loaded, week=3, by=person, content=content())
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=log, args=[person]) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return errors


def test_two_simultaneous_logs_of_one_week_make_one_log_and_one_refusal(
    requires_postgres, slow_check, inserts, participation, applicant, mentor
):
    internship = running_internship(participation, applicant, [mentor])

    errors = _log_at_once(internship, [applicant, mentor])

    assert WeeklyMeeting.objects.count() == 1
    (refused,) = errors
    assert isinstance(refused, ValidationError)
    assert "Week 3 already has a meeting logged" in refused.messages[0]
    assert inserts == [3]  # the second never tried to write


def test_without_the_lock_both_see_no_log_and_try_to_write(
    requires_postgres, inserts, monkeypatch, participation, applicant, mentor
):
    """The control: without the lock, and with both made to check before either writes,
    both see no log and both insert; only the database's unique constraint keeps the second
    out."""
    internship = running_internship(participation, applicant, [mentor])
    monkeypatch.setattr(services, "lock", lambda i: Internship.objects.get(pk=i.pk))
    counted_save = WeeklyMeeting.save
    both_checked = threading.Barrier(2, timeout=10)

    def save_together(self, *args, **kwargs):
        both_checked.wait()
        return counted_save(self, *args, **kwargs)

    monkeypatch.setattr(WeeklyMeeting, "save", save_together)

    errors = _log_at_once(internship, [applicant, mentor])

    assert inserts == [3, 3]
    assert WeeklyMeeting.objects.count() == 1
    (refused,) = errors
    assert isinstance(refused, ValidationError)
