"""The round editor at a laptop's width: the timeline stands beside the fields, and the page
is a fraction of the 5,800 pixels it was when every field took a line of its own."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The whole settings form (13 dates, the rules, the stipend rows) beside the timeline.
MAX_HEIGHT = 3200


def test_the_round_editor_lays_the_timeline_beside_the_fields(
    live_server, page_as, program_admin, round_
):
    page = page_as(program_admin)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(live_server.url + reverse("programs:round_edit", args=[round_.slug]))

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MAX_HEIGHT, height
    fields = page.locator("input[name=org_applications_open]").bounding_box()
    timeline = page.locator("ol.timeline").bounding_box()
    assert timeline["x"] > fields["x"] + fields["width"]
