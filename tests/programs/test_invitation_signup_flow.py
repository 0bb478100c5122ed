"""The whole path of a person invited before they have an account, as a browser walks it:
open the link, sign up with the invited address filled in, follow the confirmation mail,
land back on the invitation and accept it."""

import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from programs.models import Membership
from programs.services.memberships import invitation_create
from tests.factories import PASSWORD
from tests.people.conftest import confirmation_link

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    """allauth keeps its rate-limit counters in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def invitation_path(participation, org_admin):
    issued = invitation_create(
        participation=participation, email="ivy@example.org", role="mentor", by=org_admin
    )
    return issued.link.removeprefix(settings.SITE_URL)


def test_a_newcomer_signs_up_confirms_and_lands_back_on_the_invitation(
    client, invitation_path, participation, mailoutbox
):
    entrance = client.get(invitation_path)
    assert entrance.status_code == 302
    signup_page = client.get(entrance.url)
    page = signup_page.content.decode()
    assert signup_page.status_code == 200
    assert re.search(r'<input[^>]*name="email"[^>]*value="ivy@example.org"', page)
    assert re.search(rf'<input[^>]*name="next"[^>]*value="{invitation_path}"', page)

    signed_up = client.post(
        entrance.url,
        {
            "email": "ivy@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Ivy Invited",
            "timezone": "Europe/Paris",
            "next": invitation_path,
        },
    )
    assert signed_up.status_code == 302
    assert signed_up.url == reverse("account_email_verification_sent")
    assert mailoutbox[-1].to == ["ivy@example.org"]

    confirm_path = urlparse(confirmation_link(mailoutbox[-1])).path
    assert client.get(confirm_path).status_code == 200
    confirmed = client.post(confirm_path)
    assert confirmed.status_code == 302
    assert confirmed.url == invitation_path

    invitation_page = client.get(invitation_path)
    assert invitation_page.status_code == 200
    assert "Join QEMU as mentor" in invitation_page.content.decode()
    accepted = client.post(invitation_path, {"accept_terms": "on"})
    assert accepted.status_code == 302
    membership = Membership.objects.get(user__email="ivy@example.org")
    assert membership.participation == participation
    assert membership.role == Membership.Role.MENTOR
    assert membership.status == Membership.Status.ACTIVE
