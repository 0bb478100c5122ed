"""The home page leads a signed-in intern or mentor to their running internships first;
internships over, and other people's, are not shown."""

import pytest
from django.urls import reverse

from evaluations.models import Internship
from tests.evaluations.internship_world import running_internship

pytestmark = pytest.mark.django_db
HOME = reverse("programs:home")


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor], project_title="Disk backup")


def link(internship) -> str:
    return reverse("evaluations:internship", args=["gsoc-2027", internship.pk])


def test_the_intern_is_led_to_their_internship(client, internship, applicant):
    client.force_login(applicant)

    html = client.get(HOME).content.decode()

    assert link(internship) in html
    assert "you, with QEMU" in html


def test_a_mentor_finds_it_before_their_roles_and_the_programs(client, internship, mentor):
    client.force_login(mentor)

    html = client.get(HOME).content.decode()

    assert "Ana Applicant, QEMU" in html
    assert html.index(link(internship)) < html.index('id="your-roles"')


def test_an_internship_over_is_not_shown(client, internship, applicant):
    Internship.objects.filter(pk=internship.pk).update(status=Internship.Status.COMPLETED)
    client.force_login(applicant)

    html = client.get(HOME).content.decode()

    assert "Your internship" not in html


def test_someone_elses_internship_is_not_shown(client, internship, outsider):
    client.force_login(outsider)

    assert "Disk backup" not in client.get(HOME).content.decode()
