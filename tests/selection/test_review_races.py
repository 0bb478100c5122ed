"""Two clicks at once, on PostgreSQL, where the two requests really run in parallel on
separate connections.

- One mentor says "I will mentor this" on two selected proposals at once, with room for
  one more under the round's `max_interns_per_mentor`: the lock on the mentor's row makes
  the second wait, count the first and be refused. Without it, both go through.
- Two org admins add a proposal each to the end of the ranking at once: the lock on the
  participation's row makes them take places 1 and 2. Without it, both read the same last
  place and the second breaks the unique place rule.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from applications.models import Proposal
from selection.models import Candidacy, MentorCommitment
from selection.services import commitments, ranking
from tests.factories import MembershipFactory, UserFactory
from tests.races import at_once
from tests.selection.review_world import in_review, submitted

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _two_selected(participation, mentor):
    """Two selected proposals with another mentor each, under a rule of one intern per
    mentor; `mentor` mentors neither yet."""
    in_review(participation.round)
    rules = participation.round.rules
    rules.max_interns_per_mentor = 1
    rules.save()
    other = UserFactory()
    MembershipFactory(participation=participation, user=other)
    proposals = [submitted(participation) for _ in range(2)]
    for rank, proposal in enumerate(proposals, start=1):
        MentorCommitment.objects.create(proposal=proposal, mentor=other)
        Candidacy.objects.create(
            proposal=proposal,
            participation=participation,
            applicant=proposal.applicant,
            rank=rank,
            selected_at=proposal.submitted_at,
        )
    return [
        Proposal.objects.select_related("idea__participation__round__rules").get(pk=p.pk)
        for p in proposals
    ]


def _commit_calls(proposals, mentor):
    return [lambda p=p: commitments.commit(proposal=p, by=mentor) for p in proposals]


def test_two_commitments_at_once_never_pass_the_mentors_limit(
    requires_postgres, monkeypatch, participation, mentor
):
    proposals = _two_selected(participation, mentor)
    counted = commitments.selected_commitments

    def count_slowly(*args, **kwargs):
        time.sleep(0.3)
        return counted(*args, **kwargs)

    monkeypatch.setattr(commitments, "selected_commitments", count_slowly)

    errors = at_once(*_commit_calls(proposals, mentor))

    assert MentorCommitment.objects.filter(mentor=mentor).count() == 1
    (refused,) = errors
    assert isinstance(refused, ValidationError)
    assert "at most 1 interns per mentor" in refused.messages[0]


def test_without_the_mentors_lock_the_race_is_real(
    requires_postgres, monkeypatch, participation, mentor
):
    proposals = _two_selected(participation, mentor)
    counted = commitments.selected_commitments
    both_counted = threading.Barrier(2, timeout=10)

    def count_then_wait(*args, **kwargs):
        n = counted(*args, **kwargs)
        both_counted.wait()
        return n

    monkeypatch.setattr(commitments, "lock_mentor", lambda mentor: None)
    monkeypatch.setattr(commitments, "selected_commitments", count_then_wait)

    errors = at_once(*_commit_calls(proposals, mentor))

    assert errors == []
    assert MentorCommitment.objects.filter(mentor=mentor).count() == 2


def _two_waiting(participation, mentor, org_admin):
    in_review(participation.round)
    second_admin = UserFactory()
    MembershipFactory(participation=participation, user=second_admin, role="org_admin")
    proposals = []
    for _ in range(2):
        proposal = submitted(participation)
        MentorCommitment.objects.create(proposal=proposal, mentor=mentor)
        proposals.append(
            Proposal.objects.select_related("idea__participation__round__rules").get(pk=proposal.pk)
        )
    return [
        lambda: ranking.rank_add(proposal=proposals[0], by=org_admin),
        lambda: ranking.rank_add(proposal=proposals[1], by=second_admin),
    ]


def test_two_additions_at_once_take_places_one_and_two(
    requires_postgres, monkeypatch, participation, mentor, org_admin
):
    calls = _two_waiting(participation, mentor, org_admin)
    locked = ranking.lock_proposal

    def lock_slowly(proposal):
        time.sleep(0.3)
        return locked(proposal)

    monkeypatch.setattr(ranking, "lock_proposal", lock_slowly)

    assert at_once(*calls) == []
    assert sorted(Candidacy.objects.values_list("rank", flat=True)) == [1, 2]


def test_without_the_ranking_lock_two_additions_collide(
    requires_postgres, monkeypatch, participation, mentor, org_admin
):
    calls = _two_waiting(participation, mentor, org_admin)
    next_rank = ranking.next_rank
    both_counted = threading.Barrier(2, timeout=10)

    def count_then_wait(participation):
        place = next_rank(participation)
        both_counted.wait()  # each has read the ranking before either writes its place
        return place

    monkeypatch.setattr(ranking, "lock_ranking", lambda participation: participation)
    monkeypatch.setattr(ranking, "next_rank", count_then_wait)

    errors = at_once(*calls)

    assert len(errors) == 1
    assert isinstance(errors[0], IntegrityError)
    assert list(Candidacy.objects.exclude(rank=None).values_list("rank", flat=True)) == [1]
