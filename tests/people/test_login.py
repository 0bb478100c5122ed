"""Logging in: by email, and the failed-login rate limit."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WRONG = "not the password at all"


def log_in(client, password, email="ana@example.org"):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_confirmed_person_logs_in_with_email_and_password(client):
    UserFactory(email="ana@example.org")

    response = log_in(client, PASSWORD, email="ANA@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("programs:home")


def test_a_wrong_password_re_renders_the_form_with_the_address(client):
    UserFactory(email="ana@example.org")

    response = log_in(client, WRONG)

    assert response.status_code == 200
    assert b"not correct" in response.content
    assert b'value="ana@example.org"' in response.content


def test_the_sixth_wrong_password_is_refused_as_too_many_attempts(client):
    UserFactory(email="ana@example.org")
    for _ in range(5):
        assert b"Too many failed login attempts" not in log_in(client, WRONG).content

    response = log_in(client, WRONG)

    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content


def test_once_limited_even_the_right_password_waits(client):
    UserFactory(email="ana@example.org")
    for _ in range(6):
        log_in(client, WRONG)

    response = log_in(client, PASSWORD)

    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session
