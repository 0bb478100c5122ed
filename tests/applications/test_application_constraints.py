"""The database holds an application's rules, whatever path writes the row."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.models import Application, Commitment
from tests.factories import ApplicationFactory, RoundFactory

pytestmark = pytest.mark.django_db


def test_an_applicant_has_one_application_per_round():
    application = ApplicationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            applicant=application.applicant, round=application.round, hours_per_week=20
        )


def test_the_same_applicant_may_apply_to_another_round():
    application = ApplicationFactory()

    ApplicationFactory(applicant=application.applicant, round=RoundFactory())

    assert Application.objects.filter(applicant=application.applicant).count() == 2


def test_it_refuses_more_hours_than_a_week_has():
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(hours_per_week=169)


def test_marking_ineligible_needs_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(marked_ineligible_at=timezone.now())


def test_an_ineligibility_reason_needs_its_moment():
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(ineligible_reason="Not a student.")


def test_an_application_marked_ineligible_with_reason_and_moment_is_not_eligible():
    application = ApplicationFactory(
        ineligible_reason="Not a student.", marked_ineligible_at=timezone.now()
    )

    assert not application.is_eligible
    assert list(Application.objects.ineligible()) == [application]
    assert not Application.objects.eligible().exists()


def test_a_commitment_cannot_end_before_it_starts():
    application = ApplicationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.create(
            application=application,
            what="Exams",
            starts_on=date(2027, 6, 10),
            ends_on=date(2027, 6, 9),
        )


def test_a_one_day_commitment_is_kept():
    application = ApplicationFactory()

    Commitment.objects.create(
        application=application, what="Exam", starts_on=date(2027, 6, 10), ends_on=date(2027, 6, 10)
    )

    assert application.commitments.count() == 1
