"""The one-click opt-out link in an email: no login; GET asks, POST turns the kind off.

Access: the signed token in the link is the permission. A forged or altered token, or one
naming a kind that cannot be turned off, is not found (404); there is no role to be
read-only with.
"""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from notifications.links import opt_out_token, opt_out_url
from notifications.models import NotificationPreference
from tests.notifications.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(db):
    return person("ana@example.org", "UTC")


def url(user, kind="round_deadline") -> str:
    return reverse("notifications:opt_out", args=[opt_out_token(user_pk=user.pk, kind=kind)])


def muted(user) -> set[str]:
    return set(
        NotificationPreference.objects.filter(user=user, enabled=False).values_list(
            "kind", flat=True
        )
    )


def test_opening_the_link_asks_and_changes_nothing(client, ana):
    response = client.get(url(ana))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Stop sending <strong>deadlines of the rounds you follow</strong> to ana@example.org?"
    ) in page
    assert muted(ana) == set()


def test_confirming_turns_that_kind_off_without_logging_in(client, ana):
    response = client.post(url(ana))
    assert response.status_code == 200
    assert "no longer receives" in response.content.decode()
    assert muted(ana) == {"round_deadline"}


def test_a_mail_clients_one_click_post_works_without_a_csrf_token(ana):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url(ana), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert muted(ana) == {"round_deadline"}


def test_the_link_in_the_email_is_the_same_link(ana, settings):
    assert opt_out_url(user_pk=ana.pk, kind="round_deadline") == settings.SITE_URL + url(ana)


@pytest.mark.parametrize(
    "token",
    ["nonsense", "eyJ1IjoxLCJrIjoicm91bmRfZGVhZGxpbmUifQ:forged"],
    ids=["garbage", "forged signature"],
)
def test_a_forged_link_is_not_found(client, ana, token):
    assert client.post(reverse("notifications:opt_out", args=[token])).status_code == 404
    assert muted(ana) == set()


def test_a_link_for_another_person_signed_without_the_sites_key_is_not_found(client, ana):
    other = person("bo@example.org", "UTC")
    forged = signing.Signer(key="guessed", salt="notifications.opt-out").sign_object(
        {"u": other.pk, "k": "round_deadline"}
    )
    assert client.post(reverse("notifications:opt_out", args=[forged])).status_code == 404
    assert muted(other) == set()


def test_a_duty_reminder_cannot_be_turned_off_by_link(client, ana):
    assert client.post(url(ana, kind="org_application_deadline")).status_code == 404
    assert muted(ana) == set()
