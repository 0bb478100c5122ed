"""The round's calendar feed: one event per milestone, stable UIDs, instants in UTC."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from programs.schedules import dates_from
from programs.timeline import MILESTONES
from tests.factories import RoundFactory

OPENS = datetime(2027, 1, 11, 18, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://internships.example.org"


@pytest.fixture
def round_(program):
    return RoundFactory(
        program=program, name="Google Summer of Code 2027", slug="gsoc-2027", **dates_from(OPENS)
    )


def feed(client, slug="gsoc-2027"):
    return client.get(reverse("programs:round_ics", args=[slug]))


def events_by_uid(response) -> dict:
    calendar = Calendar.from_ical(response.content)
    return {str(event.uid): event for event in calendar.events}


def test_anyone_can_fetch_the_feed_as_a_calendar_file(client, round_):
    response = feed(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="gsoc-2027.ics"'


def test_an_unknown_round_has_no_feed(client, round_):
    assert feed(client, "gsoc-1999").status_code == 404


def test_every_milestone_is_an_event_at_its_instant_in_utc(client, round_):
    events = events_by_uid(feed(client))
    assert len(events) == len(MILESTONES)
    for milestone in MILESTONES:
        event = events[f"round-gsoc-2027-{milestone.field}@internships.example.org"]
        assert event.start == getattr(round_, milestone.field)
        assert event.start.utcoffset().total_seconds() == 0
        assert milestone.label in str(event.summary)


def test_the_instants_are_written_in_utc(client, round_):
    assert b"DTSTART:20270308T180000Z" in feed(client).content  # the application deadline


def test_deadlines_say_so_in_the_summary(client, round_):
    events = events_by_uid(feed(client))
    summaries = {str(e.summary) for e in events.values()}
    assert "Deadline: Application deadline (Google Summer of Code 2027)" in summaries
    assert "Coding starts (Google Summer of Code 2027)" in summaries
    assert sum(s.startswith("Deadline:") for s in summaries) == sum(
        m.is_deadline for m in MILESTONES
    )


def test_the_calendar_is_named_and_links_back_to_the_round(client, round_):
    calendar = Calendar.from_ical(feed(client).content)
    assert calendar["X-WR-CALNAME"] == "Google Summer of Code 2027"
    event = next(iter(calendar.events))
    assert "https://internships.example.org/rounds/gsoc-2027/" in str(event["DESCRIPTION"])


def test_uids_stay_the_same_when_a_date_moves(client, round_):
    before = set(events_by_uid(feed(client)))
    round_.ends += timedelta(days=1)
    round_.save()
    after = events_by_uid(feed(client))
    assert set(after) == before
    assert after["round-gsoc-2027-ends@internships.example.org"].start == round_.ends


def test_it_makes_one_query(client, round_, django_assert_num_queries):
    with django_assert_num_queries(1):
        feed(client)


@pytest.mark.parametrize(
    "name", ["Summer\n2027", "Summer\r2027", "Summer\r\n2027", "Summer\x0b2027"]
)
def test_a_line_break_in_a_round_name_leaves_every_line_of_the_feed_whole(client, round_, name):
    round_.name = name
    round_.save()
    response = feed(client)
    assert response.status_code == 200
    # Each content line ends with CRLF; no other line feed, carriage return or control
    # character stands in the text, where calendar apps would cut a line or refuse the feed.
    text = response.content.replace(b"\r\n", b"")
    assert not any(byte < 0x20 and byte != 0x09 for byte in text)
    calendar = Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"] == calendar["NAME"] == "Summer 2027"
    assert str(calendar["X-WR-CALDESC"]).startswith("Timeline of Summer 2027 (")
    assert all(str(event.summary).endswith("(Summer 2027)") for event in calendar.events)
