"""Certificates: issued once per internship (the settle sweep may call `issue` any number of
times), with the intern's name as it was; revoked by a program admin with a reason."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluations.models import Certificate, Internship
from evaluations.services.certificates import issue, revoke
from tests.factories import InternshipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed():
    return InternshipFactory(
        status=Internship.Status.COMPLETED, intern=UserFactory(display_name="Ada Alumna")
    )


def test_issuing_makes_a_certificate_with_the_interns_name_and_the_time(completed):
    at = timezone.now() - timedelta(hours=1)

    certificate = issue(completed, at)

    assert certificate.name == "Ada Alumna"
    assert certificate.issued_at == at
    assert certificate.internship == completed
    assert not certificate.is_revoked


def test_issuing_twice_keeps_the_first_certificate(completed):
    first = issue(completed)
    completed.intern.display_name = "Ada Lovelace"
    completed.intern.save()

    again = issue(completed, timezone.now() + timedelta(days=1))

    assert again.pk == first.pk
    assert again.code == first.code
    assert again.name == "Ada Alumna"  # what may already be printed stays as printed
    assert Certificate.objects.count() == 1


def test_codes_are_long_random_and_distinct():
    codes = {issue(InternshipFactory(status=Internship.Status.COMPLETED)).code for _ in range(5)}

    assert len(codes) == 5
    # 128 random bits in URL-safe base64: 22 characters, nothing to walk or guess.
    assert all(len(code) >= 22 for code in codes)


def test_revoking_keeps_the_reason_and_the_time(completed, program_admin):
    certificate = issue(completed)
    at = timezone.now()

    revoke(certificate, by=program_admin, reason="  Plagiarised work.  ", at=at)

    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_at == at
    assert certificate.revoked_reason == "Plagiarised work."


def test_revoking_needs_a_reason(completed, program_admin):
    certificate = issue(completed)

    with pytest.raises(ValidationError, match="Say why"):
        revoke(certificate, by=program_admin, reason="   ")

    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_revoking_twice_keeps_the_first_revocation(completed, program_admin):
    certificate = issue(completed)
    first = timezone.now() - timedelta(days=1)
    revoke(certificate, by=program_admin, reason="Plagiarised work.", at=first)

    revoke(certificate, by=program_admin, reason="Another reason.")

    certificate.refresh_from_db()
    assert certificate.revoked_at == first
    assert certificate.revoked_reason == "Plagiarised work."


def test_only_program_admins_revoke(completed):
    certificate = issue(completed)

    with pytest.raises(ValidationError, match="Only program admins"):
        revoke(certificate, by=completed.intern, reason="Because.")

    certificate.refresh_from_db()
    assert not certificate.is_revoked
