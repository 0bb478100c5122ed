"""A contribution's rules in the database, and what counts toward an organization's gate."""

from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.models import Contribution
from tests.factories import ContributionFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "ftp://x.org/a"])
def test_only_http_links_are_stored(url):
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(url=url)


def test_an_accepted_contribution_needs_its_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(state=Contribution.State.ACCEPTED)


def test_a_contribution_only_submitted_has_no_acceptance_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(accepted_at=date(2027, 4, 1))


def test_a_mentors_verdict_needs_its_moment():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(verdict=Contribution.Verdict.CONFIRMED)


def test_an_unreviewed_contribution_has_no_review_moment():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(reviewed_at=timezone.now())


def test_the_gate_counts_accepted_and_confirmed_contributions_by_the_deadline_date():
    gate = ParticipationFactory(
        gate_contributions=2, gate_deadline=datetime(2027, 4, 9, 23, 0, tzinfo=UTC)
    )
    ana, other = UserFactory(), UserFactory()
    counted = {"participation": gate, "applicant": ana, "accepted": True, "confirmed": True}
    ContributionFactory(**counted, accepted_at=date(2027, 4, 9))  # on the day: counts
    ContributionFactory(**counted, accepted_at=date(2027, 4, 10))  # a day late
    ContributionFactory(**{**counted, "confirmed": False}, accepted_at=date(2027, 4, 1))
    ContributionFactory(
        **{**counted, "confirmed": False},
        accepted_at=date(2027, 4, 1),
        verdict=Contribution.Verdict.REJECTED,
        reviewed_at=timezone.now(),
    )
    ContributionFactory(participation=gate, applicant=ana)  # submitted, not accepted
    ContributionFactory(**{**counted, "applicant": other}, accepted_at=date(2027, 4, 1))
    ContributionFactory(
        **{**counted, "participation": ParticipationFactory()}, accepted_at=date(2027, 4, 1)
    )

    assert Contribution.objects.count_toward_gate(applicant=ana, participation=gate) == 1
    assert Contribution.objects.count_toward_gate(applicant=other, participation=gate) == 1


def test_without_a_gate_nothing_counts():
    open_door = ParticipationFactory()
    contribution = ContributionFactory(participation=open_door, accepted=True, confirmed=True)

    assert (
        Contribution.objects.count_toward_gate(
            applicant=contribution.applicant, participation=open_door
        )
        == 0
    )
