"""Two org admins approving one idea at the same instant, on PostgreSQL, where the two
requests really run in parallel on separate connections, with two approvals required.

Counting waits a moment so the two requests overlap. With the lock on the idea's row, the
second waits for the first and counts both. Without it, each counts only its own approval and
the idea is never approved: the control test shows that race is real."""

import threading
import time

import pytest
from django.db import connection

from projects.models import IdeaEvent, IdeaReview, ProjectIdea
from projects.services import reviews
from projects.services.reviews import approval_rule_set, idea_review
from tests.projects.authoring import idea_in, org_admins

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_count(monkeypatch):
    counted = reviews.tally_for

    def tally_after_a_moment(*args, **kwargs):
        time.sleep(0.3)
        return counted(*args, **kwargs)

    monkeypatch.setattr(reviews, "tally_for", tally_after_a_moment)


def _approve_at_once(participation, mentor, org_admin) -> ProjectIdea:
    approval_rule_set(
        participation=participation, by=org_admin, approvals_required=2, two_affiliations=False
    )
    idea = idea_in(participation, mentor, status=ProjectIdea.Status.SUBMITTED)
    people = org_admins(participation, "Red Hat", "Google")
    both_ready = threading.Barrier(2, timeout=10)
    errors: list[BaseException] = []

    def approve_as(user):
        try:
            loaded = ProjectIdea.objects.select_related("participation").get(pk=idea.pk)
            both_ready.wait()
            idea_review(idea=loaded, reviewer=user, verdict="approve")
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve_as, args=[user]) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    assert IdeaReview.objects.filter(idea=idea, revision=1, verdict="approve").count() == 2
    idea.refresh_from_db()
    return idea


def test_two_simultaneous_approvals_both_count_and_approve_once(
    requires_postgres, slow_count, participation, mentor, org_admin
):
    idea = _approve_at_once(participation, mentor, org_admin)

    assert idea.status == ProjectIdea.Status.APPROVED
    assert IdeaEvent.objects.filter(idea=idea, to_status="approved").count() == 1


def test_without_the_lock_the_race_is_real(
    requires_postgres, monkeypatch, participation, mentor, org_admin
):
    """The control: without the lock, and with both requests made to count at the same time
    (each has saved its own approval, not yet committed), each sees one approval only."""
    counted = reviews.tally_for
    both_counting = threading.Barrier(2, timeout=10)

    def tally_together(*args, **kwargs):
        both_counting.wait()
        tally = counted(*args, **kwargs)
        # Neither may commit before both have counted: under load one request could otherwise
        # finish first and the other's count, a moment later, would see both approvals.
        both_counting.wait()
        return tally

    monkeypatch.setattr(reviews, "tally_for", tally_together)
    monkeypatch.setattr(reviews, "lock", lambda idea: ProjectIdea.objects.get(pk=idea.pk))

    idea = _approve_at_once(participation, mentor, org_admin)

    assert idea.status == ProjectIdea.Status.SUBMITTED
