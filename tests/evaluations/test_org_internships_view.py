"""An organization's internships in a round, for its admins: the round's dashboard narrowed
to it (each with the weeks no meeting was logged, both phases' states), filtered, paginated.

Access: the organization's admins and program admins (200); its mentors 403 (they list their
own internships); people of another organization, its org admins too, 404; anonymous people
log in first.
"""

import pytest
from django.urls import reverse

from tests.evaluations import bulk
from tests.evaluations import dashboard_world as world
from tests.evaluations.internship_world import meeting, running_internship
from tests.factories import MembershipFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
URL = reverse("evaluations:org_internships", args=["gsoc-2027", "qemu"])


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor], project_title="Disk backup")


@pytest.mark.parametrize("person", ["org_admin", "program_admin"])
def test_org_admins_and_program_admins_see_the_weeks_without_a_log(
    client, internship, applicant, person, request
):
    meeting(internship, 1, applicant)
    client.force_login(request.getfixturevalue(person))

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Disk backup" in page
    assert "No meeting logged for week 2" in page
    assert "No meeting logged for week 1" not in page


def test_its_mentors_get_403(client, internship, mentor):
    client.force_login(mentor)

    assert client.get(URL).status_code == 403


def test_people_of_another_organization_get_404(client, internship, outsider):
    client.force_login(outsider)

    assert client.get(URL).status_code == 404


def test_org_admins_of_another_organization_get_404(client, internship, round_):
    other = ParticipationFactory(
        round=round_, organization=OrganizationFactory(name="libvirt", slug="libvirt-org")
    )
    admin = world.intern("Otto Admin")
    MembershipFactory(participation=other, user=admin, role="org_admin")
    client.force_login(admin)

    assert client.get(URL).status_code == 404


def test_it_shows_both_phases_and_links_its_csv_with_the_filters(client, participation, org_admin):
    world.internship(participation, "Ana Intern", weeks_in=world.DURING_MIDTERM)
    world.internship(participation, "Bea Intern")
    client.force_login(org_admin)

    response = client.get(URL, {"midterm": "missing"})

    page = response.content.decode()
    assert [row.internship.intern.name for row in response.context["rows"]] == ["Ana Intern"]
    assert "Awaiting evaluations (missing: mentors, intern)" in page
    csv_url = reverse("evaluations:org_internships_csv", args=["gsoc-2027", "qemu"])
    assert f"{csv_url}?midterm=missing" in page
    # One organization: no organization filter, no organization column.
    assert 'name="organization"' not in page
    assert '<th scope="col">Organization</th>' not in page


def test_anonymous_people_log_in_first(client, internship):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_org_dashboard_links_to_it(client, internship, org_admin):
    client.force_login(org_admin)

    page = client.get(reverse("programs:participation_manage", args=["gsoc-2027", "qemu"]))

    assert URL in page.content.decode()


@pytest.mark.parametrize("query", [{}, {"midterm": "upcoming", "sort": "meetings"}])
def test_the_list_costs_the_same_queries_for_ten_internships_as_for_five_thousand(
    client, participation, org_admin, mentor, django_assert_num_queries, query
):
    bulk.meetings(bulk.internships(participation, 10, mentor=mentor), range(1, 3))
    client.force_login(org_admin)
    # session, user; the participation, the viewer's roles, the round's rules; the count and
    # the page (or the filtered set, lean, then the page); the page's mentors and meetings;
    # the evaluations and decisions (of the page, or of the filtered set)
    with django_assert_num_queries(11):
        client.get(URL, query)

    bulk.meetings(bulk.internships(participation, 4990, mentor=mentor), range(1, 3))
    with django_assert_num_queries(11):
        response = client.get(URL, query)
    assert len(response.context["rows"]) == 50
