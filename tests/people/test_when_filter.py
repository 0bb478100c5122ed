"""The `when` filter: an instant in the viewer's zone, with the zone named."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from people.templatetags.when import when, when_date

# US clocks jump from 02:00 EST to 03:00 EDT on Sunday 14 March 2027 (07:00 UTC).
BEFORE_JUMP = datetime(2027, 3, 14, 6, 59, tzinfo=UTC)
AFTER_JUMP = datetime(2027, 3, 14, 7, 0, tzinfo=UTC)


def shown_in(zone: str, moment) -> str:
    with timezone.override(zone):
        return when(moment)


def test_it_shows_an_instant_in_kolkata_with_the_zone_named():
    assert shown_in("Asia/Kolkata", BEFORE_JUMP) == (
        '<time datetime="2027-03-14T06:59:00+00:00" title="Asia/Kolkata">'
        "Sun 14 Mar 2027, 12:29 IST</time>"
    )


def test_it_shows_an_instant_in_new_york_with_the_zone_named():
    assert shown_in("America/New_York", datetime(2027, 7, 1, 16, 0, tzinfo=UTC)) == (
        '<time datetime="2027-07-01T16:00:00+00:00" title="America/New_York">'
        "Thu 01 Jul 2027, 12:00 EDT</time>"
    )


def test_one_minute_apart_across_the_dst_jump_reads_an_hour_and_a_minute_apart():
    assert "Sun 14 Mar 2027, 01:59 EST" in shown_in("America/New_York", BEFORE_JUMP)
    assert "Sun 14 Mar 2027, 03:00 EDT" in shown_in("America/New_York", AFTER_JUMP)
    # Kolkata keeps no daylight saving time: the same minute later.
    assert "Sun 14 Mar 2027, 12:30 IST" in shown_in("Asia/Kolkata", AFTER_JUMP)


def test_the_date_is_the_local_one_not_the_utc_one():
    late_evening_utc = datetime(2027, 3, 14, 20, 0, tzinfo=UTC)

    assert "Mon 15 Mar 2027, 01:30 IST" in shown_in("Asia/Kolkata", late_evening_utc)
    with timezone.override("Asia/Kolkata"):
        assert ">15 Mar 2027</time>" in when_date(late_evening_utc)


@pytest.mark.parametrize("filter_", [when, when_date])
def test_nothing_shows_nothing(filter_):
    assert filter_(None) == ""


def test_it_is_a_template_builtin():
    rendered = Template("{{ moment|when }}|{{ missing|when }}").render(
        Context({"moment": AFTER_JUMP, "missing": None})
    )

    assert rendered == (
        '<time datetime="2027-03-14T07:00:00+00:00" title="UTC">Sun 14 Mar 2027, 07:00 UTC</time>|'
    )
