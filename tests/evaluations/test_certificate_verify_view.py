"""The certificate's public verification page: anyone with the code (signed in or not; nobody
is read-only on it) sees the name, the program, the round, the organization and the project,
and nothing else; an unknown code 404; a revoked certificate's page says so."""

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import EvaluationPhase, Internship
from evaluations.services.certificates import issue
from tests.evaluations.internship_world import meeting, running_internship
from tests.factories import InternEvaluationFactory, MentorEvaluationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def internship(participation, applicant, mentor):
    internship = running_internship(
        participation,
        applicant,
        [mentor],
        project_title="Disk backup",
        status=Internship.Status.COMPLETED,
    )
    MentorEvaluationFactory(
        internship=internship, phase=EvaluationPhase.FINAL, progress="Secret mentor words."
    )
    InternEvaluationFactory(
        internship=internship,
        phase=EvaluationPhase.FINAL,
        about_mentors="Secret intern words.",
        work_url="https://gitlab.com/qemu/qemu/-/merge_requests/77",
    )
    meeting(internship, 1, applicant)
    return internship


@pytest.fixture
def certificate(internship):
    return issue(internship)


def url(code: str) -> str:
    return reverse("evaluations:certificate_verify", args=[code])


@pytest.mark.parametrize("viewer", [None, "outsider", "applicant"])
def test_anyone_with_the_code_sees_what_it_certifies(client, certificate, viewer, request):
    if viewer:
        client.force_login(request.getfixturevalue(viewer))

    response = client.get(url(certificate.code))

    assert response.status_code == 200
    html = response.text
    for shown in ("Ana Applicant", "Google Summer of Code", "Google Summer of Code 2027"):
        assert shown in html
    assert "QEMU" in html and "Disk backup" in html
    assert 'id="verified"' in html


def test_nothing_else_about_the_internship_appears(client, certificate, internship, mentor):
    html = client.get(url(certificate.code)).text

    for hidden in (
        "ana@example.org",
        "Asia/Kolkata",
        "Mira Mentor",
        "mira@example.org",
        "Secret mentor words.",
        "Secret intern words.",
        "merge_requests/77",
        "Progress of week 1",
        "gsoc-2027",  # no link into the internship's private pages
        f"/internships/{internship.pk}/",
    ):
        assert hidden not in html, hidden


def test_the_page_is_given_only_the_listed_fields(client, certificate):
    response = client.get(url(certificate.code))

    assert set(response.context["shown"]) == {
        "name",
        "program",
        "round",
        "organization",
        "project",
    }


def test_an_unknown_code_is_not_found(client, certificate):
    assert client.get(url("not-a-code")).status_code == 404
    assert client.get(url(certificate.code[:-1])).status_code == 404


def test_a_revoked_certificate_says_so_and_shows_nothing_it_claimed(client, certificate):
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = "Plagiarised work."
    certificate.save()

    response = client.get(url(certificate.code))

    assert response.status_code == 200
    html = response.text
    assert "This certificate was revoked." in html
    for hidden in ("Ana Applicant", "Disk backup", "Plagiarised work.", 'id="verified"'):
        assert hidden not in html


def test_it_reads_in_a_fixed_number_of_queries(client, certificate, django_assert_num_queries):
    # The certificate with its internship, idea, round, program and organization.
    with django_assert_num_queries(1):
        assert client.get(url(certificate.code)).status_code == 200


def test_caches_ask_again_each_time_so_a_revocation_shows_at_once(client, certificate, applicant):
    assert "no-cache" in client.get(url(certificate.code))["Cache-Control"]
    client.force_login(applicant)
    assert "private" in client.get(url(certificate.code))["Cache-Control"]
