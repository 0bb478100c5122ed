"""The Django admin for people: found by email or name, created with an email, no username.

The admin's own gate applies: staff get in, anyone else is sent to the admin's login.
"""

import pytest
from django.urls import reverse

from people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:people_user_changelist")


@pytest.fixture
def superuser():
    return User.objects.create_superuser("boss@example.org", "a long enough password")


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_person_without_staff_status_is_sent_to_the_admin_login(client, applicant):
    client.force_login(applicant)

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("query", ["mira@", "Mira Mentor"])
def test_it_finds_people_by_email_or_name(client, superuser, query):
    UserFactory(email="mira@example.org", display_name="Mira Mentor")
    UserFactory(email="oscar@example.org", display_name="Oscar Outsider")
    client.force_login(superuser)

    response = client.get(CHANGELIST, {"q": query})

    assert response.status_code == 200
    found = [u.email for u in response.context["cl"].result_list]
    assert found == ["mira@example.org"]


def test_it_filters_program_admins(client, superuser):
    UserFactory(email="paula@example.org", is_program_admin=True)
    UserFactory(email="nia@example.org")
    client.force_login(superuser)

    response = client.get(CHANGELIST, {"is_program_admin__exact": "1"})

    found = sorted(u.email for u in response.context["cl"].result_list)
    assert found == ["boss@example.org", "paula@example.org"]


def test_it_creates_a_person_from_an_email_and_a_password(client, superuser):
    client.force_login(superuser)
    password = "a long enough password"

    response = client.post(
        reverse("admin:people_user_add"),
        {
            "email": "nia@example.org",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="nia@example.org").check_password(password)


def test_it_refuses_an_email_taken_in_another_case(client, superuser):
    UserFactory(email="nia@example.org")
    client.force_login(superuser)
    password = "a long enough password"

    response = client.post(
        reverse("admin:people_user_add"),
        {
            "email": "NIA@example.org",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert User.objects.filter(email__iexact="nia@example.org").count() == 1


def test_the_change_page_shows_the_profile_without_a_username(client, superuser, applicant):
    client.force_login(superuser)

    response = client.get(reverse("admin:people_user_change", args=[applicant.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="timezone"' in page and 'name="is_program_admin"' in page
    assert 'name="username"' not in page
