"""A program admin's decision locks a phase with a reason, once, while the internship waits
on that phase; the status, the payment and the certificate follow at once."""

import pytest
from django.core.exceptions import ValidationError

from evaluations.models import Certificate, Decision, Internship, Payment
from evaluations.services.decisions import decide
from tests.evaluations.internship_world import running_internship

pytestmark = pytest.mark.django_db


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor], weeks_in=8)


def test_a_failed_midterm_decision_ends_the_internship_at_once(internship, program_admin):
    decide(
        internship=internship,
        phase="midterm",
        outcome="failed",
        reason="No work.",
        by=program_admin,
    )

    assert internship.status == "failed"
    assert not Payment.objects.filter(milestone="midterm").exists()


def test_a_held_decision_holds_the_payment_with_the_reason(internship, program_admin):
    decide(
        internship=internship, phase="midterm", outcome="held", reason="Tax form.", by=program_admin
    )

    payment = Payment.objects.get(milestone="midterm")
    assert (payment.status, payment.reason) == ("held", "Decided by a program admin: Tax form.")


def test_a_passed_final_completes_it_with_a_certificate(internship, program_admin):
    Internship.objects.filter(pk=internship.pk).update(status="midterm_passed")
    internship.refresh_from_db()

    decide(internship=internship, phase="final", outcome="passed", reason="OK.", by=program_admin)

    assert internship.status == "completed"
    assert Certificate.objects.filter(internship=internship).exists()


def test_only_program_admins_decide(internship, mentor, org_admin, applicant):
    for person in (mentor, org_admin, applicant):
        with pytest.raises(ValidationError, match="Only program admins"):
            decide(internship=internship, phase="midterm", outcome="passed", reason="x", by=person)
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("phase", "outcome", "reason", "says"),
    [
        ("midterm", "passed", " ", "reason is required"),
        ("midterm", "maybe", "x", "Choose passed"),
        ("bonus", "passed", "x", "midterm or the final"),
        ("final", "passed", "x", "not waiting for a decision"),
    ],
)
def test_what_is_decided_is_checked(internship, program_admin, phase, outcome, reason, says):
    with pytest.raises(ValidationError, match=says):
        decide(internship=internship, phase=phase, outcome=outcome, reason=reason, by=program_admin)


def test_a_phase_is_decided_once(internship, program_admin):
    decide(internship=internship, phase="midterm", outcome="held", reason="A.", by=program_admin)
    Internship.objects.filter(pk=internship.pk).update(status="active")

    with pytest.raises(ValidationError, match="decided already"):
        decide(
            internship=internship, phase="midterm", outcome="failed", reason="B.", by=program_admin
        )
