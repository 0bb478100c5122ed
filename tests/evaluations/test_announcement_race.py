"""Two runs of the announcement at once (two beats, or beat and the demo) on PostgreSQL, where
they really run in parallel on separate connections: both find the same selected proposal
waiting, and still one internship is made, neither run failing. The proposal's unique
internship is the guard, and each internship is made in its own savepoint that finds the
other run's row. The control: a run that simply creates, as if no one else could, crashes
on the other's row, so the race is real."""

import threading

import pytest
from django.db import connection

from evaluations.models import Internship
from evaluations.services import announcement
from tests.selection.results_world import RESULTS, build_world

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def both_find_it_waiting(monkeypatch):
    """Each run lists the waiting proposals, then waits for the other to have listed them."""
    listed = announcement._waiting
    both_listed = threading.Barrier(2, timeout=10)

    def waiting_together(now):
        found = list(listed(now))
        both_listed.wait()
        return found

    monkeypatch.setattr(announcement, "_waiting", waiting_together)


def _run_twice_at_once() -> tuple[list, list[BaseException]]:
    made: list = []
    errors: list[BaseException] = []

    def run():
        try:
            made.extend(announcement.internships_for_announced_rounds(RESULTS))
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return made, errors


def test_two_runs_at_once_make_one_internship(requires_postgres, both_find_it_waiting, program):
    world = build_world(program)

    made, errors = _run_twice_at_once()

    assert errors == []
    assert len(made) == 1
    assert Internship.objects.get().proposal == world.ana_proposal


def test_without_the_savepoint_that_finds_the_other_runs_row_the_race_is_real(
    requires_postgres, both_find_it_waiting, monkeypatch, program
):
    build_world(program)

    def make_as_if_alone(candidacy, mentor_pks):
        return Internship.objects.create(
            participation=candidacy.participation,
            intern_id=candidacy.applicant_id,
            proposal=candidacy.proposal,
            idea=candidacy.proposal.idea,
            project_title=candidacy.proposal.title,
        )

    monkeypatch.setattr(announcement, "_make", make_as_if_alone)

    made, errors = _run_twice_at_once()

    assert len(made) == 1
    (crashed,) = errors
    assert "unique" in str(crashed).lower() or "duplicate" in str(crashed).lower()
    assert Internship.objects.count() == 1
