"""An interview's calendar file: its times in UTC, its text escaped, for the two sides and
the organization's people only.

Access: the applicant, the interviewer and the organization's other people (200); program
admins, who may read the interview, 403; a mentor of another organization and other
applicants 404.
"""

import pytest
from django.urls import reverse
from icalendar import Calendar

from selection.models import InterviewSlot
from selection.services.interviews import interview_book, interview_cancel
from tests.selection.interviews.world import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(free_slot, invitation, applicant):
    return interview_book(slot=free_slot, applicant=applicant)


def url(interview) -> str:
    return reverse("selection:interview_ics", args=[interview.pk])


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("outsider", 404),
        ("stranger", 404),
        ("program_admin", 403),
        ("applicant", 200),
        ("mentor", 200),
        ("org_admin", 200),
    ],
)
def test_only_the_two_sides_and_the_organization_download_it(
    client, booked, request, viewer, status
):
    someone = person("sam@example.org") if viewer == "stranger" else request.getfixturevalue(viewer)
    client.force_login(someone)

    assert client.get(url(booked)).status_code == status


def test_it_gives_the_interview_in_utc_with_its_text_escaped(client, booked, applicant):
    InterviewSlot.objects.filter(pk=booked.slot_id).update(where="Room 1, #qemu; bring\nnotes")
    client.force_login(applicant)

    response = client.get(url(booked))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert "LOCATION:Room 1\\, #qemu\\; bring notes" in body.replace("\r\n ", "")
    assert f"DTSTART:{booked.starts_at:%Y%m%dT%H%M%S}Z" in body
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("DTSTART") == booked.starts_at
    assert event.decoded("DTEND") == booked.ends_at
    assert str(event["STATUS"]) == "CONFIRMED"


def test_a_cancelled_interview_says_so(client, booked, applicant):
    interview_cancel(interview=booked, by=applicant)
    client.force_login(applicant)

    (event,) = Calendar.from_ical(client.get(url(booked)).content).walk("VEVENT")

    assert str(event["STATUS"]) == "CANCELLED"
