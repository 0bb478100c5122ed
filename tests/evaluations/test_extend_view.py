"""Extending an internship.

Access: program admins (200, then 302); the intern, its mentors and the organization's admins
see the internship but get 403 here; people of another organization 404; anonymous people
log in first.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from evaluations.models import Internship
from tests.evaluations.internship_world import running_internship

pytestmark = pytest.mark.django_db


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor])


def url(internship) -> str:
    return reverse("evaluations:internship_extend", args=["gsoc-2027", internship.pk])


def test_a_program_admin_extends_and_the_page_records_it(client, internship, program_admin):
    ends = internship.ends_at
    client.force_login(program_admin)

    assert client.get(url(internship)).status_code == 200
    response = client.post(url(internship), {"weeks": "2", "reason": "Exams in June."})

    assert response.status_code == 302
    internship.refresh_from_db()
    assert internship.ends_at == ends + timedelta(weeks=2)
    page = client.get(response.url).content.decode()
    assert "extended by 2 weeks" in page
    assert "Exams in June." in page


@pytest.mark.parametrize("person", ["applicant", "mentor", "org_admin"])
def test_its_people_and_org_admins_get_403(client, internship, person, request):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url(internship)).status_code == 403
    assert client.post(url(internship), {"weeks": "1", "reason": "x"}).status_code == 403
    assert Internship.objects.get().ends_at == internship.ends_at


def test_people_of_another_organization_get_404(client, internship, outsider):
    client.force_login(outsider)

    assert client.get(url(internship)).status_code == 404


def test_anonymous_people_log_in_first(client, internship):
    response = client.get(url(internship))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_refusal_keeps_what_was_typed(client, program_admin, participation, applicant):
    late = running_internship(participation, applicant, weeks_in=8)
    client.force_login(program_admin)

    response = client.post(url(late), {"weeks": "1", "midterm": "on", "reason": "Typed with care."})

    assert response.status_code == 400
    page = response.content.decode()
    assert "The midterm window opened" in page
    assert "Typed with care." in page
