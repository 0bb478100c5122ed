"""Where an applicant stands against an organization's contribution gate, on the
organization's public page (programs' template loads applications' tag library by name; the
programs app imports nothing of applications).

Access: the page is public; the standing shows only to a signed-in applicant, about their
own contributions, never to anonymous people or to the organization's own mentors.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("programs:participation", args=["gsoc-2027", "qemu"])


@pytest.fixture
def gated(participation):
    participation.gate_contributions = 1
    participation.gate_deadline = timezone.now() + timedelta(days=5)
    participation.save()
    return participation


def test_an_applicant_sees_one_of_one_accepted_confirmed_by_a_mentor(client, applicant, gated):
    ContributionFactory(applicant=applicant, participation=gated, accepted=True, confirmed=True)
    client.force_login(applicant)

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    page = response.content.decode()
    assert "<strong>1 of 1</strong> accepted upstream by" in page
    assert "confirmed by a mentor: you meet QEMU" in page
    assert reverse("applications:contributions", args=["gsoc-2027"]) + "?org=qemu" in page


def test_another_applicants_contributions_do_not_count_for_the_viewer(client, applicant, gated):
    ContributionFactory(participation=gated, accepted=True, confirmed=True)
    client.force_login(applicant)

    assert "<strong>0 of 1</strong>" in client.get(URL).content.decode()


def test_nobody_else_sees_a_standing(client, gated, mentor):
    assert 'id="gate-standing"' not in client.get(URL).content.decode()  # anonymous

    client.force_login(mentor)
    assert 'id="gate-standing"' not in client.get(URL).content.decode()


def test_an_organization_without_a_gate_shows_none(client, participation):
    client.force_login(UserFactory())

    assert 'id="gate-standing"' not in client.get(URL).content.decode()
