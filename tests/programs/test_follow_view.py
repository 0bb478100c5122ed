"""Following a round (POST) and unfollowing it, and the button that does it.

Access: any signed-in person may follow a round (rounds are public), so there is no
outsider or read-only case; an unknown round is 404; anonymous people are sent to log in;
GET is not allowed.
"""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from programs.follows import follow_state
from programs.models import RoundFollow

pytestmark = pytest.mark.django_db


def follow_url(round_) -> str:
    return reverse("programs:round_follow", args=[round_.slug])


def unfollow_url(round_) -> str:
    return reverse("programs:round_unfollow", args=[round_.slug])


def test_a_signed_in_person_follows_and_unfollows_a_round(client, applicant, round_):
    client.force_login(applicant)
    response = client.post(follow_url(round_))
    assert response.status_code == 302
    assert response["Location"] == round_.get_absolute_url()
    assert follow_state(applicant, round_) == "following"
    client.post(follow_url(round_))  # twice is still one follow
    assert RoundFollow.objects.count() == 1

    client.post(unfollow_url(round_))
    assert follow_state(applicant, round_) == "unfollowed"


def test_a_mentor_follows_implicitly_and_may_unfollow(client, mentor, round_):
    assert follow_state(mentor, round_) == "member"
    client.force_login(mentor)
    client.post(unfollow_url(round_))
    assert follow_state(mentor, round_) == "unfollowed"


def test_it_returns_to_the_page_it_came_from_but_never_elsewhere(client, applicant, round_):
    client.force_login(applicant)
    back = client.post(follow_url(round_), {"next": "/notifications/"})
    assert back["Location"] == "/notifications/"
    away = client.post(follow_url(round_), {"next": "https://evil.example/"})
    assert away["Location"] == round_.get_absolute_url()


@pytest.mark.parametrize(
    "target", ["home", "programs:home", "/a\x01b", "/line\nbreak", "/" + "x" * 3000]
)
def test_a_next_that_is_no_path_of_the_site_returns_to_the_round_not_500(
    client, applicant, round_, target
):
    client.force_login(applicant)
    response = client.post(follow_url(round_), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == round_.get_absolute_url()


def test_an_unknown_round_is_not_found(client, applicant):
    client.force_login(applicant)
    assert client.post("/rounds/no-such-round/follow/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, round_):
    response = client.post(follow_url(round_))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert RoundFollow.objects.count() == 0


def test_get_is_not_allowed(client, applicant, round_):
    client.force_login(applicant)
    assert client.get(follow_url(round_)).status_code == 405
    assert client.get(unfollow_url(round_)).status_code == 405


def render_button(user, round_, query: dict | None = None) -> str:
    request = RequestFactory().get(round_.get_absolute_url(), query)
    request.user = user
    template = Template("{% load follow %}{% follow_button round %}")
    return template.render(Context({"request": request, "round": round_, "csrf_token": "t"}))


def test_the_button_offers_what_the_viewer_can_do(applicant, mentor, round_):
    from django.contrib.auth.models import AnonymousUser

    assert "Log in to follow this round" in render_button(AnonymousUser(), round_)
    assert follow_url(round_) in render_button(applicant, round_)
    member = render_button(mentor, round_)
    assert "You follow this round through your role." in member
    assert unfollow_url(round_) in member


def test_the_button_returns_to_the_page_as_asked(applicant, round_):
    button = render_button(applicant, round_, {"q": "qemu"})
    assert f'name="next" value="{round_.get_absolute_url()}?q=qemu"' in button


def test_a_query_too_long_to_return_to_is_not_echoed_into_the_button(applicant, round_):
    button = render_button(applicant, round_, {"q": "x" * 100_000})
    assert f'name="next" value="{round_.get_absolute_url()}"' in button
    assert len(button) < 5_000
