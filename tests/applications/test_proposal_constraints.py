"""A proposal's and its schedule's rules in the database, and what the round's cap counts."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.models import Proposal, ProposalWeek
from tests.factories import ProposalFactory, ProposalWeekFactory

pytestmark = pytest.mark.django_db


def test_an_applicant_has_one_open_proposal_per_idea():
    first = ProposalFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(application=first.application, idea=first.idea, submitted=True)


def test_after_withdrawing_the_applicant_may_propose_to_the_same_idea_again():
    first = ProposalFactory(withdrawn=True)

    again = ProposalFactory(application=first.application, idea=first.idea)

    assert Proposal.objects.filter(idea=first.idea).count() == 2
    assert again.status == Proposal.Status.DRAFT


def test_two_applicants_may_propose_to_the_same_idea():
    first = ProposalFactory()

    ProposalFactory(idea=first.idea)

    assert first.idea.proposals.count() == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Proposal.Status.SUBMITTED},
        {"status": Proposal.Status.WITHDRAWN},
        {"submitted_at": "now"},
        {"withdrawn_at": "now"},
        {"status": Proposal.Status.SUBMITTED, "submitted_at": "now", "withdrawn_at": "now"},
    ],
    ids=[
        "submitted-without-moment",
        "withdrawn-without-moment",
        "draft-with-submitted-at",
        "draft-with-withdrawn-at",
        "submitted-and-withdrawn",
    ],
)
def test_each_status_carries_its_own_moment_and_no_other(fields):
    now = timezone.now()
    fields = {key: now if value == "now" else value for key, value in fields.items()}

    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(**fields)


def test_a_withdrawn_proposal_keeps_when_it_was_submitted():
    proposal = ProposalFactory(withdrawn=True, submitted_at=timezone.now() - timedelta(days=1))

    assert proposal.submitted_at is not None


def test_only_a_submitted_proposal_has_a_preference():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(preference=1)


def test_a_preference_counts_from_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(submitted=True, preference=0)


@pytest.mark.parametrize(
    "fields",
    [
        {"editable_until": "later", "exception_at": "now"},
        {"editable_until": "later", "exception_reason": "Flu."},
        {"exception_at": "now", "exception_reason": "Flu."},
        {"exception_reason": "Flu."},
    ],
    ids=["without-reason", "without-moment", "without-until", "reason-alone"],
)
def test_an_exception_to_the_deadline_is_recorded_whole(fields):
    now = timezone.now()
    values = {"now": now, "later": now + timedelta(days=2)}
    fields = {key: values.get(value, value) for key, value in fields.items()}

    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalFactory(submitted=True, **fields)


def test_a_whole_exception_is_kept():
    now = timezone.now()

    proposal = ProposalFactory(
        submitted=True,
        editable_until=now + timedelta(days=2),
        exception_at=now,
        exception_reason="The applicant was in hospital on the deadline.",
    )

    assert proposal.editable_until > now


def test_the_cap_counts_submitted_proposals_not_drafts_or_withdrawn_ones():
    submitted = ProposalFactory(submitted=True)
    application = submitted.application
    ProposalFactory(application=application)
    ProposalFactory(application=application, withdrawn=True)

    counted = Proposal.objects.for_applicant(application.applicant).counted_against_cap()

    assert list(counted) == [submitted]


def test_a_week_appears_once_in_a_schedule():
    week = ProposalWeekFactory(number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalWeek.objects.create(proposal=week.proposal, number=1, starts_on=date(2027, 6, 1))


def test_weeks_are_numbered_from_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalWeekFactory(number=0)
