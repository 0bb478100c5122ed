"""A program admin revokes a certificate with a reason.

Access: program admins (200, and the POST revokes); the intern and the organization's admins
see the certificate but do not revoke it (403), nor do its mentors (403); people of another
organization 404; anonymous people log in first.
"""

import pytest
from django.urls import reverse

from evaluations.models import Certificate, Internship
from evaluations.services.certificates import issue
from tests.evaluations.internship_world import running_internship

pytestmark = pytest.mark.django_db


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(
        participation,
        applicant,
        [mentor],
        project_title="Disk backup",
        status=Internship.Status.COMPLETED,
        listed_as_alumni=True,
    )


@pytest.fixture
def certificate(internship):
    return issue(internship)


def url(internship) -> str:
    return reverse("evaluations:certificate_revoke", args=["gsoc-2027", internship.pk])


def revoked(certificate) -> bool:
    return Certificate.objects.get(pk=certificate.pk).is_revoked


def test_a_program_admin_is_asked_for_a_reason(client, certificate, internship, program_admin):
    client.force_login(program_admin)

    response = client.get(url(internship))

    assert response.status_code == 200
    assert "Why the certificate is revoked" in response.text


def test_a_program_admin_revokes_it_and_its_public_page_says_so(
    client, certificate, internship, program_admin
):
    client.force_login(program_admin)

    response = client.post(url(internship), {"reason": "Plagiarised work."})

    assert response.status_code == 302
    assert response.url == reverse("evaluations:certificate", args=["gsoc-2027", internship.pk])
    assert revoked(certificate)
    client.logout()
    verify = client.get(reverse("evaluations:certificate_verify", args=[certificate.code]))
    assert "This certificate was revoked." in verify.text


def test_a_revoked_intern_leaves_the_alumni_pages(
    client, certificate, internship, program_admin, program
):
    alumni = reverse("evaluations:program_alumni", args=[program.slug])
    assert "Ana Applicant" in client.get(alumni).text
    client.force_login(program_admin)

    client.post(url(internship), {"reason": "Plagiarised work."})

    client.logout()
    assert "Ana Applicant" not in client.get(alumni).text


def test_without_a_reason_nothing_is_revoked_and_the_form_says_why(
    client, certificate, internship, program_admin
):
    client.force_login(program_admin)

    response = client.post(url(internship), {"reason": "   "})

    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not revoked(certificate)


@pytest.mark.parametrize("person", ["applicant", "org_admin", "mentor"])
def test_the_others_who_see_the_internship_get_403(
    client, certificate, internship, person, request
):
    client.force_login(request.getfixturevalue(person))

    assert client.post(url(internship), {"reason": "Because."}).status_code == 403
    assert not revoked(certificate)


def test_people_of_another_organization_get_404(client, certificate, internship, outsider):
    client.force_login(outsider)

    assert client.post(url(internship), {"reason": "Because."}).status_code == 404


def test_anonymous_people_log_in_first(client, certificate, internship):
    response = client.post(url(internship), {"reason": "Because."})

    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not revoked(certificate)


def test_an_internship_without_a_certificate_has_none_to_revoke(client, internship, program_admin):
    client.force_login(program_admin)

    assert client.get(url(internship)).status_code == 404
