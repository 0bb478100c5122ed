"""A newcomer signs up, confirms the address, picks a time zone, and reads deadlines in it."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from people.models import User
from programs.timeline import Phase
from tests.factories import PASSWORD, RoundFactory

# The format of the `when` filter (people/templatetags/when.py).
WHEN_FORMAT = "%a %d %b %Y, %H:%M %Z"
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[^/\s]+/")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_newcomer_signs_up_confirms_and_reads_the_deadline_in_their_zone(live_server, page):
    round_ = RoundFactory(phase=Phase.APPLICATIONS)
    site = live_server.url

    # Sign up; the browser (emulating New York) has guessed the zone already.
    page.goto(site + reverse("account_signup"))
    expect(page.locator("select[name=timezone]")).to_have_value("America/New_York")
    page.fill("input[name=email]", "nia@example.org")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.fill("input[name=display_name]", "Nia New")
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(site + reverse("account_email_verification_sent"))
    # Still anonymous: the zone comes from the cookie the script set on the first page.
    expect(page.locator(".zone-note")).to_contain_text("America/New_York")
    assert User.objects.get(email="nia@example.org").timezone == "America/New_York"

    # The mail holds the link; opening it asks for a click, which confirms and logs in.
    assert len(mail.outbox) == 1
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(site + reverse("programs:home"))
    expect(page.locator(".site-header")).to_contain_text("Nia New")

    # The profile keeps the zone picked, not the browser's guess.
    page.goto(site + reverse("people:profile"))
    page.select_option("select[name=timezone]", "Asia/Tokyo")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Your profile is saved.")
    expect(page.locator("select[name=timezone]")).to_have_value("Asia/Tokyo")

    # The round's public page shows the application deadline in Tokyo time, zone named.
    page.goto(site + reverse("programs:round", args=[round_.slug]))
    deadline = round_.applications_close.astimezone(ZoneInfo("Asia/Tokyo"))
    expect(page.locator("main")).to_contain_text(deadline.strftime(WHEN_FORMAT))
    assert deadline.strftime("%Z") == "JST"
    expect(page.locator(".zone-note")).to_contain_text("Asia/Tokyo")
