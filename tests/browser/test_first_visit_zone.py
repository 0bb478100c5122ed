"""A visitor without an account sees even their first page in their own zone.

The server renders that page in UTC (it learns the zone from a cookie the page itself sets);
static/js/local_times.js rewrites its times in the browser's zone. The browser context runs in
America/New_York (tests/browser/conftest.py).
"""

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from people.dates import moment_text
from programs.timeline import Phase
from tests.factories import RoundFactory

NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_first_page_shows_times_in_the_browsers_zone(live_server, new_context):
    round_ = RoundFactory(phase=Phase.IDEA_PROPOSALS)
    page = new_context().new_page()  # no cookie yet: the server renders UTC

    page.goto(live_server.url + reverse("programs:round", args=[round_.slug]))

    expect(page.locator(".zone-note strong")).to_have_text("America/New_York")
    ideas_date = page.locator(f'.timeline time[datetime="{round_.ideas_published.isoformat()}"]')
    expect(ideas_date).to_have_text(moment_text(round_.ideas_published, NEW_YORK))
    expect(ideas_date).to_have_attribute("title", "America/New_York")
