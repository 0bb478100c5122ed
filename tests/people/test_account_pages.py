"""allauth's pages wear the site's layout, and offer social login only when it is configured."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENTRANCE_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]


@pytest.mark.parametrize("name", ENTRANCE_PAGES)
def test_entrance_pages_use_the_site_layout(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert "base.html" in [t.name for t in response.templates]
    assert b'class="site-header"' in response.content


@pytest.mark.parametrize("name", ["account_email", "account_change_password", "account_logout"])
def test_account_pages_use_the_site_layout(client, name):
    client.force_login(UserFactory())

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert "base.html" in [t.name for t in response.templates]


def test_no_social_login_shows_when_no_provider_is_configured(client):
    page = client.get(reverse("account_login")).content.decode()

    assert "Continue with" not in page
    assert "/accounts/github/" not in page


def test_a_bad_confirmation_key_says_so(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-key"]))

    assert response.status_code == 200
    assert b"This confirmation link has expired or is not valid." in response.content
    assert b"<button" not in response.content.split(b"<main")[1]
