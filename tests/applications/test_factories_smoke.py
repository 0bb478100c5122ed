"""The factories make valid rows whose related objects agree."""

import pytest

from applications.models import Proposal
from tests.factories import (
    ContributionFactory,
    ProposalFactory,
    ProposalWeekFactory,
)

pytestmark = pytest.mark.django_db


def test_a_proposal_is_to_an_idea_of_its_applications_round_by_its_applicant():
    proposal = ProposalFactory(submitted=True)

    proposal.full_clean()
    assert proposal.applicant == proposal.application.applicant
    assert proposal.idea.participation.round == proposal.application.round
    assert proposal.status == Proposal.Status.SUBMITTED


def test_a_schedule_week_starts_in_the_rounds_coding_period():
    week = ProposalWeekFactory(number=3)

    week.full_clean()
    coding_start = week.proposal.application.round.coding_start.date()
    assert (week.starts_on - coding_start).days == 14


def test_an_accepted_confirmed_contribution_is_valid():
    contribution = ContributionFactory(accepted=True, confirmed=True)

    contribution.full_clean()
    assert contribution.accepted_at is not None
    assert contribution.reviewed_at is not None
