"""The intern's choice to be listed among the alumni (POST from the internship's page).

Access: the intern chooses (302 back to the page); the internship's mentors, org admins and
program admins read the page but do not choose for the intern (403); people of another
organization 404; anonymous people log in first.
"""

import pytest
from django.urls import reverse

from evaluations.models import Internship
from tests.evaluations.internship_world import running_internship

pytestmark = pytest.mark.django_db


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor], project_title="Disk backup")


def url(internship) -> str:
    return reverse("evaluations:alumni_listing", args=["gsoc-2027", internship.pk])


def page(internship) -> str:
    return reverse("evaluations:internship", args=["gsoc-2027", internship.pk])


def listed(internship) -> bool:
    return Internship.objects.get(pk=internship.pk).listed_as_alumni


def test_the_intern_chooses_to_be_listed(client, internship, applicant):
    client.force_login(applicant)

    response = client.post(url(internship), {"listed": "yes"}, follow=True)

    assert response.redirect_chain == [(page(internship), 302)]
    assert listed(internship)
    assert "You are listed among the alumni once the internship completes." in response.text
    assert "Stop listing me" in response.text


def test_the_intern_stops_being_listed(client, internship, applicant):
    Internship.objects.filter(pk=internship.pk).update(listed_as_alumni=True)
    client.force_login(applicant)

    client.post(url(internship), {"listed": "no"})

    assert not listed(internship)


@pytest.mark.parametrize("person", ["mentor", "org_admin", "program_admin"])
def test_the_internships_other_people_do_not_choose_for_the_intern(
    client, internship, person, request
):
    client.force_login(request.getfixturevalue(person))

    assert client.post(url(internship), {"listed": "yes"}).status_code == 403
    assert not listed(internship)


def test_people_of_another_organization_get_404(client, internship, outsider):
    client.force_login(outsider)

    assert client.post(url(internship), {"listed": "yes"}).status_code == 404


def test_anonymous_people_log_in_first(client, internship):
    response = client.post(url(internship), {"listed": "yes"})

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_it_is_a_post_only(client, internship, applicant):
    client.force_login(applicant)

    assert client.get(url(internship)).status_code == 405


def test_a_withdrawn_intern_is_told_it_is_never_listed(client, internship, applicant):
    Internship.objects.filter(pk=internship.pk).update(status=Internship.Status.WITHDRAWN)
    client.force_login(applicant)

    response = client.post(url(internship), {"listed": "yes"}, follow=True)

    assert "is never listed among the alumni" in response.text
    assert not listed(internship)


def test_the_page_offers_the_choice_to_the_intern_only(client, internship, applicant, mentor):
    form = f'action="{url(internship)}"'
    client.force_login(applicant)
    assert form in client.get(page(internship)).text
    client.force_login(mentor)
    assert form not in client.get(page(internship)).text


def test_a_withdrawn_internships_page_offers_no_choice(client, internship, applicant):
    Internship.objects.filter(pk=internship.pk).update(status=Internship.Status.WITHDRAWN)
    client.force_login(applicant)

    assert url(internship) not in client.get(page(internship)).text
