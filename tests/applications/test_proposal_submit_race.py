"""Two submissions by one applicant at the same instant for the last place under the round's
cap, on PostgreSQL, where the two requests really run in parallel on separate connections.

Checking the application waits a moment so the two requests overlap. With the lock on the
applicant's application row, the second waits for the first, counts its submission and is
refused. Without it, both count none and both are submitted: the control shows the race is
real."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from applications.models import Application, Proposal
from applications.services import proposals as services
from tests.applications.proposal_world import content
from tests.factories import ApplicationFactory, ProjectIdeaFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_check(monkeypatch):
    checked = services.application_ready

    def ready_after_a_moment(*args, **kwargs):
        time.sleep(0.3)
        return checked(*args, **kwargs)

    monkeypatch.setattr(services, "application_ready", ready_after_a_moment)


def _drafts_ready(participation, applicant) -> list[Proposal]:
    """Two drafts ready to submit, under a cap of one."""
    participation.round.rules.max_proposals_per_applicant = 1
    participation.round.rules.save()
    ApplicationFactory(applicant=applicant, round=participation.round)
    drafts = []
    for _ in range(2):
        draft = services.proposal_start(
            applicant=applicant, idea=ProjectIdeaFactory(participation=participation)
        )
        drafts.append(services.proposal_save(proposal=draft, by=applicant, content=content()))
    return drafts


def _submit_at_once(drafts, applicant) -> list[BaseException]:
    both_ready = threading.Barrier(2, timeout=10)
    errors: list[BaseException] = []

    def submit(pk):
        try:
            loaded = Proposal.objects.select_related("application__round").get(pk=pk)
            both_ready.wait()
            services.proposal_submit(proposal=loaded, by=applicant)
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=[d.pk]) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return errors


def test_two_simultaneous_submissions_never_pass_the_cap(
    requires_postgres, slow_check, participation, applicant
):
    errors = _submit_at_once(_drafts_ready(participation, applicant), applicant)

    assert Proposal.objects.submitted().count() == 1
    (refused,) = errors
    assert isinstance(refused, ValidationError)
    assert "the most it allows (1)" in refused.messages[0]


def test_without_the_lock_the_race_is_real(
    requires_postgres, monkeypatch, participation, applicant
):
    """The control: without the lock, and with both requests made to count before either
    saves, each counts no submission and both go through."""
    saved = Proposal.save
    both_counted = threading.Barrier(2, timeout=10)

    def save_together(self, *args, **kwargs):
        both_counted.wait()
        return saved(self, *args, **kwargs)

    monkeypatch.setattr(
        services, "_lock_application", lambda app: Application.objects.get(pk=app.pk)
    )
    drafts = _drafts_ready(participation, applicant)
    monkeypatch.setattr(Proposal, "save", save_together)

    errors = _submit_at_once(drafts, applicant)

    assert errors == []
    assert Proposal.objects.submitted().count() == 2
