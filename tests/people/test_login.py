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


def test_the_login_page_offers_the_reset_link_once_after_the_log_in_button(client):
    page = client.get(reverse("account_login")).content.decode()

    # Tab goes from the email to the password, and Enter there logs in.
    assert page.count("Forgot your password?") == 1
    assert page.index('name="password"') < page.index("Log in</button>")
    assert page.index("Log in</button>") < page.index("Forgot your password?")
    assert "aria-describedby" not in page


def test_every_page_starts_with_a_link_that_skips_to_its_content(client):
    page = client.get(reverse("account_login")).content.decode()

    body = page[page.index("<body") :]
    assert body.index('href="#content"') < body.index("<nav")
    assert '<main class="page" id="content"' in page
