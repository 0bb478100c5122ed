"""The database's own rules on reviews, candidacies and interviews (on every database)."""

import pytest
from django.db import IntegrityError

from selection.models import Candidacy, Interview
from tests.factories import (
    CandidacyFactory,
    InterviewFactory,
    InterviewInvitationFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def test_it_refuses_a_score_above_five():
    with pytest.raises(IntegrityError):
        ReviewFactory(score=6)


def test_it_refuses_a_second_review_by_the_same_mentor():
    review = ReviewFactory()
    with pytest.raises(IntegrityError):
        ReviewFactory(proposal=review.proposal, mentor=review.mentor)


def test_it_refuses_two_proposals_at_one_rank_of_an_organization():
    first = CandidacyFactory(rank=1)
    second = CandidacyFactory(
        proposal__idea__participation=first.participation,
        proposal__application__round=first.participation.round,
    )
    second.rank = 1
    with pytest.raises(IntegrityError):
        second.save()


def test_it_refuses_to_set_aside_a_proposal_that_is_still_ranked():
    candidacy = CandidacyFactory(rank=1)
    with pytest.raises(IntegrityError):
        Candidacy.objects.filter(pk=candidacy.pk).update(
            set_aside=Candidacy.SetAside.SPAM, set_aside_at=candidacy.proposal.submitted_at
        )


def test_it_refuses_a_selection_outside_the_ranking():
    candidacy = CandidacyFactory()
    with pytest.raises(IntegrityError):
        Candidacy.objects.filter(pk=candidacy.pk).update(
            selected_at=candidacy.proposal.submitted_at
        )


def test_it_refuses_a_slot_booked_twice():
    interview = InterviewFactory()
    other = InterviewInvitationFactory(mentor=interview.mentor)
    with pytest.raises(IntegrityError):
        InterviewFactory(slot=interview.slot, invitation=other)


def test_a_cancelled_booking_frees_its_slot():
    interview = InterviewFactory()
    Interview.objects.filter(pk=interview.pk).update(
        status=Interview.Status.CANCELLED, cancelled_at=interview.booked_at
    )
    other = InterviewInvitationFactory(mentor=interview.mentor)
    assert InterviewFactory(slot=interview.slot, invitation=other).pk
