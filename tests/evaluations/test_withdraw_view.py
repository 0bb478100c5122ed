"""Ending an internship early, with a reason.

Access: its intern and the organization's admins (200, then 302); its mentors and program
admins read the internship but get 403 here; people of another organization 404; anonymous
people log in first.
"""

import pytest
from django.urls import reverse

from evaluations.models import Internship
from tests.evaluations.internship_world import running_internship

pytestmark = pytest.mark.django_db


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor])


def url(internship) -> str:
    return reverse("evaluations:internship_withdraw", args=["gsoc-2027", internship.pk])


@pytest.mark.parametrize("person", ["applicant", "org_admin"])
def test_the_intern_or_an_org_admin_ends_it_with_a_reason(client, internship, person, request):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url(internship)).status_code == 200
    response = client.post(url(internship), {"reason": "A full-time job offer."})

    assert response.status_code == 302
    internship.refresh_from_db()
    assert internship.status == Internship.Status.WITHDRAWN
    assert internship.events.get().reason == "A full-time job offer."


@pytest.mark.parametrize("person", ["mentor", "program_admin"])
def test_mentors_and_program_admins_get_403(client, internship, person, request):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url(internship)).status_code == 403
    assert client.post(url(internship), {"reason": "No."}).status_code == 403
    internship.refresh_from_db()
    assert internship.status == Internship.Status.ACTIVE


def test_people_of_another_organization_get_404(client, internship, outsider):
    client.force_login(outsider)

    assert client.get(url(internship)).status_code == 404


def test_anonymous_people_log_in_first(client, internship):
    response = client.get(url(internship))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_without_a_reason_nothing_changes(client, internship, applicant):
    client.force_login(applicant)

    response = client.post(url(internship), {"reason": ""})

    assert response.status_code == 400
    internship.refresh_from_db()
    assert internship.status == Internship.Status.ACTIVE


def test_an_internship_already_ended_is_refused_with_the_reason(client, internship, applicant):
    Internship.objects.filter(pk=internship.pk).update(status=Internship.Status.FAILED)
    client.force_login(applicant)

    response = client.post(url(internship), {"reason": "Leaving."})

    assert response.status_code == 400
    assert "already failed" in response.content.decode()
