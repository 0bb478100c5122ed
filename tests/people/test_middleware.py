"""ViewerTimezoneMiddleware: every page is rendered in the viewer's zone."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from people.middleware import ViewerTimezoneMiddleware
from tests.factories import UserFactory


def zone_seen_by_the_view(user=None, cookies=None) -> tuple[str, str]:
    """(the zone active inside the view, request.viewer_timezone)."""
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.COOKIES.update(cookies or {})
    middleware = ViewerTimezoneMiddleware(
        lambda r: HttpResponse(timezone.get_current_timezone_name())
    )
    response = middleware(request)
    return response.content.decode(), request.viewer_timezone


@pytest.mark.django_db
def test_a_logged_in_person_sees_their_own_zone_whatever_the_cookie():
    user = UserFactory.build(timezone="Asia/Kolkata")

    assert zone_seen_by_the_view(user, {"tz": "America/New_York"}) == (
        "Asia/Kolkata",
        "Asia/Kolkata",
    )


def test_an_anonymous_visitor_sees_the_browser_zone_from_the_cookie():
    assert zone_seen_by_the_view(cookies={"tz": "America/New_York"}) == (
        "America/New_York",
        "America/New_York",
    )


def test_a_percent_encoded_cookie_is_read_too():
    assert zone_seen_by_the_view(cookies={"tz": "America%2FNew_York"})[0] == "America/New_York"


@pytest.mark.parametrize("cookie", ["Mars/Olympus_Mons", "", "../../etc/passwd", "localtime"])
def test_an_invalid_cookie_falls_back_to_utc(cookie):
    assert zone_seen_by_the_view(cookies={"tz": cookie}) == ("UTC", "UTC")


def test_without_a_cookie_it_is_utc():
    assert zone_seen_by_the_view() == ("UTC", "UTC")


def test_the_zone_does_not_leak_past_the_request():
    zone_seen_by_the_view(cookies={"tz": "Asia/Tokyo"})

    assert timezone.get_current_timezone_name() == "UTC"


@pytest.mark.django_db
def test_the_page_header_names_the_zone(client):
    client.cookies["tz"] = "America/New_York"

    response = client.get(reverse("account_login"))

    assert b"Times in <strong data-browser-zone>America/New_York</strong>" in response.content


@pytest.mark.django_db
def test_only_a_guessed_zone_is_left_for_the_browser_to_correct(client):
    # static/js/local_times.js rewrites the times of pages marked data-browser-zone.
    home = reverse("programs:home")
    assert "<strong data-browser-zone>UTC</strong>" in client.get(home).content.decode()

    client.force_login(UserFactory(timezone="Asia/Kolkata"))

    page = client.get(home).content.decode()
    assert "<strong>Asia/Kolkata</strong>" in page
    assert "data-browser-zone" not in page
