"""A completed intern's printable certificate.

Access: the intern, the organization's admins and program admins (200); the internship's
mentors read the internship but not its certificate (403); people of another organization
404; anonymous people log in first; an internship without a certificate (not completed) 404.
"""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Internship
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
    )


@pytest.fixture
def certificate(internship):
    return issue(internship)


def url(internship) -> str:
    return reverse("evaluations:certificate", args=["gsoc-2027", internship.pk])


@pytest.mark.parametrize("person", ["applicant", "org_admin", "program_admin"])
def test_the_intern_and_admins_see_it(client, certificate, internship, person, request):
    client.force_login(request.getfixturevalue(person))

    response = client.get(url(internship))

    assert response.status_code == 200
    html = response.text
    assert "Certificate of completion" in html
    assert "Ana Applicant" in html
    assert "Disk backup" in html
    assert "QEMU" in html and "Google Summer of Code 2027" in html
    assert "private" in response["Cache-Control"]


def test_the_mentors_get_403(client, certificate, internship, mentor):
    client.force_login(mentor)

    assert client.get(url(internship)).status_code == 403


def test_people_of_another_organization_get_404(client, certificate, internship, outsider):
    client.force_login(outsider)

    assert client.get(url(internship)).status_code == 404


def test_anonymous_people_log_in_first(client, certificate, internship):
    response = client.get(url(internship))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_an_internship_without_a_certificate_has_none_to_show(client, internship, applicant):
    client.force_login(applicant)

    assert client.get(url(internship)).status_code == 404


def test_it_prints_with_its_stylesheet_and_names_its_verification_address(
    client, certificate, internship, applicant, settings
):
    settings.SITE_URL = "https://internships.example.org"
    client.force_login(applicant)

    html = client.get(url(internship)).text

    assert "/static/css/certificate.css" in html
    verify = reverse("evaluations:certificate_verify", args=[certificate.code])
    assert f"https://internships.example.org{verify}" in html


def test_the_stylesheet_prints_the_certificate_alone():
    css = Path(finders.find("css/certificate.css")).read_text()

    assert "@media print" in css
    assert ".site-header" in css and ".no-print" in css


def test_program_admins_are_offered_to_revoke_it_and_others_are_not(
    client, certificate, internship, applicant, org_admin, program_admin
):
    revoke = reverse("evaluations:certificate_revoke", args=["gsoc-2027", internship.pk])
    for person, offered in ((program_admin, True), (org_admin, False), (applicant, False)):
        client.force_login(person)
        assert (revoke in client.get(url(internship)).text) is offered


def test_a_revoked_certificate_says_so_to_the_intern(client, certificate, internship, applicant):
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = "Plagiarised work."
    certificate.save()
    client.force_login(applicant)

    html = client.get(url(internship)).text

    assert 'id="revoked"' in html
    assert "Plagiarised work." in html


@pytest.mark.parametrize(
    ("person", "shown"), [("applicant", True), ("org_admin", True), ("mentor", False)]
)
def test_the_internship_page_links_the_certificate_for_those_who_may_see_it(
    client, certificate, internship, person, shown, request
):
    client.force_login(request.getfixturevalue(person))

    html = client.get(reverse("evaluations:internship", args=["gsoc-2027", internship.pk])).text

    assert (url(internship) in html) is shown
    assert "{#" not in html  # no template comment leaks onto the page
