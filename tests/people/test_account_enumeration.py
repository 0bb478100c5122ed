"""No account enumeration: whether an address has an account never shows in the answer."""

import pytest
from django.urls import reverse

from people.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, email):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "",
        "timezone": "UTC",
    }
    return client.post(reverse("account_signup"), data, follow=True)


def answer(response) -> tuple:
    return (response.redirect_chain, response.status_code, [t.name for t in response.templates])


def test_signing_up_with_a_taken_address_answers_like_a_new_one(client, mailoutbox):
    UserFactory(email="ana@example.org")

    taken = sign_up(client, "ana@example.org")
    client.logout()
    new = sign_up(client, "new@example.org")

    assert answer(taken) == answer(new)
    assert User.objects.filter(email__iexact="ana@example.org").count() == 1
    # The owner of the taken address hears about the attempt; the page says nothing.
    assert [m.to for m in mailoutbox] == [["ana@example.org"], ["new@example.org"]]
    assert "already" in mailoutbox[0].subject.lower()


def test_a_password_reset_for_an_unknown_address_answers_like_a_known_one(client, mailoutbox):
    UserFactory(email="ana@example.org")
    url = reverse("account_reset_password")

    known = client.post(url, {"email": "ana@example.org"}, follow=True)
    unknown = client.post(url, {"email": "nobody@example.org"}, follow=True)

    assert answer(known) == answer(unknown)
    assert known.redirect_chain == [(reverse("account_reset_password_done"), 302)]
    assert [m.to for m in mailoutbox] == [["ana@example.org"], ["nobody@example.org"]]
