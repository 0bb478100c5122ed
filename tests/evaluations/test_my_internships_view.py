"""One's internships, as intern or mentor, each with its missing weeks, the logs waiting for
confirmation and what is due next; paginated.

Access: anyone signed in sees only their own internships (an outsider sees none of others':
the list is empty, never another's row); anonymous people log in first. Nobody is read-only
on a list of one's own.
"""

import pytest
from django.urls import reverse

from tests.evaluations import bulk
from tests.evaluations.internship_world import meeting, running_internship

pytestmark = pytest.mark.django_db
URL = reverse("evaluations:my_internships")


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor], project_title="Disk backup")


def test_a_mentor_sees_their_internships_with_the_weeks_missing(
    client, internship, applicant, mentor
):
    meeting(internship, 1, applicant)
    meeting(internship, 2, applicant, confirmed_by=mentor)
    client.force_login(mentor)

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Disk backup" in page
    assert "Ana Applicant" in page
    assert "No meeting logged for week 3" in page
    assert "No meeting logged for week 4" in page
    assert "No meeting logged for week 2" not in page
    assert reverse("evaluations:internship", args=["gsoc-2027", internship.pk]) in page


def test_the_intern_sees_their_own_internship(client, internship, applicant):
    client.force_login(applicant)

    rows = client.get(URL).context["rows"]

    assert [(row.internship, row.side) for row in rows] == [(internship, "intern")]


def test_an_outsider_sees_none_of_others_internships(client, internship, outsider):
    client.force_login(outsider)

    response = client.get(URL)

    assert response.status_code == 200
    assert "Disk backup" not in response.content.decode()
    assert "You have no internship" in response.content.decode()


def test_anonymous_people_log_in_first(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_list_costs_the_same_queries_for_ten_internships_as_for_a_thousand(
    client, participation, mentor, django_assert_num_queries
):
    few = bulk.internships(participation, 10, mentor=mentor)
    bulk.meetings(few, range(1, 3))
    client.force_login(mentor)
    # session, user; the count for the pages; the page of internships; their mentors;
    # their meetings
    with django_assert_num_queries(6):
        client.get(URL)

    many = bulk.internships(participation, 990, mentor=mentor)
    bulk.meetings(many, range(1, 3))
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert len(response.context["rows"]) == 20
    assert response.context["page"].paginator.count == 1000
