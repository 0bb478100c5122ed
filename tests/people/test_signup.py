"""Sign-up: the account, its time zone, one confirmation mail, and confirming by POST."""

import re
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from people.models import User
from tests.factories import PASSWORD
from tests.people.conftest import confirmation_link

pytestmark = pytest.mark.django_db


def sign_up(client, **fields):
    data = {
        "email": "nia@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Nia New",
        "timezone": "Asia/Kolkata",
        **fields,
    }
    return client.post(reverse("account_signup"), data)


def test_the_form_asks_for_name_and_a_zone_the_browser_can_fill_in(client):
    page = client.get(reverse("account_signup")).content.decode()

    assert 'name="display_name"' in page
    select = re.search(r'<select[^>]*name="timezone"[^>]*>', page).group(0)
    assert "data-guess-timezone" in select
    assert "data-touched" not in select


def test_it_creates_a_person_with_the_chosen_time_zone_and_mails_one_link(client, mailoutbox):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    person = User.objects.get(email="nia@example.org")
    assert person.timezone == "Asia/Kolkata"
    assert person.display_name == "Nia New"
    assert not EmailAddress.objects.get(user=person).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nia@example.org"]
    assert mailoutbox[0].body.startswith("Hello from Internships")
    assert confirmation_link(mailoutbox[0])


def test_opening_the_link_asks_to_confirm_without_confirming(client, mailoutbox):
    sign_up(client)
    path = urlparse(confirmation_link(mailoutbox[0])).path

    response = client.get(path)

    assert response.status_code == 200
    assert b'<button type="submit">Confirm</button>' in response.content
    assert not EmailAddress.objects.get(email="nia@example.org").verified


def test_posting_the_link_verifies_the_address_and_logs_in(client, mailoutbox):
    sign_up(client)
    path = urlparse(confirmation_link(mailoutbox[0])).path

    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("programs:home")
    assert EmailAddress.objects.get(email="nia@example.org").verified
    assert client.get(reverse("people:profile")).status_code == 200


def test_logging_in_before_confirming_leads_to_the_confirm_email_page(client, mailoutbox):
    sign_up(client)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "nia@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("people:profile")).status_code == 302


def test_it_re_renders_bad_input_with_what_was_typed(client):
    response = sign_up(client, password2="something else entirely", timezone="Asia/Tokyo")

    assert response.status_code == 200
    page = response.content.decode()
    assert "You must type the same password each time." in page
    assert 'value="nia@example.org"' in page
    assert 'value="Nia New"' in page
    assert '<option value="Asia/Tokyo" selected>' in page
    # The browser's guess must not overwrite the zone the person picked.
    assert "data-touched" in page
    assert not User.objects.filter(email="nia@example.org").exists()


def test_an_unknown_time_zone_is_refused(client):
    response = sign_up(client, timezone="Mars/Olympus_Mons")

    assert response.status_code == 200
    assert b"Pick a time zone from the list" in response.content
    assert not User.objects.exists()
