"""The applicant cancels or moves their interview: GET asks (with the mentor's other free
times), POST does it; the mentor is told.

Access: the interview's applicant (200); the organization's people and program admins, who
change it from the organization's page, 403; a mentor of another organization and other
applicants 404.
"""

import pytest
from django.urls import reverse

from notifications.models import Message
from selection.models import Interview
from selection.services.interviews import interview_book
from tests.selection.interviews.world import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(free_slot, invitation, applicant):
    return interview_book(slot=free_slot, applicant=applicant)


def url(interview) -> str:
    return reverse("selection:interview_cancel", args=["gsoc-2027", interview.pk])


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("outsider", 404),
        ("stranger", 404),
        ("program_admin", 403),
        ("mentor", 403),
        ("applicant", 200),
    ],
)
def test_only_its_applicant_changes_a_booking_here(client, booked, request, viewer, status):
    someone = person("sam@example.org") if viewer == "stranger" else request.getfixturevalue(viewer)
    client.force_login(someone)

    assert client.get(url(booked)).status_code == status


def test_the_page_offers_the_mentors_other_free_times(client, booked, later_slot, applicant):
    client.force_login(applicant)

    page = client.get(url(booked)).content.decode()

    assert f'value="{later_slot.pk}"' in page
    assert f'value="{booked.slot_id}"' not in page


def test_the_applicant_cancels_and_the_mentor_is_told(client, booked, applicant, mentor):
    client.force_login(applicant)

    response = client.post(url(booked), {"action": "cancel", "reason": "Exam"})

    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == Interview.Status.CANCELLED
    assert Message.objects.get(kind="interview_cancelled").recipient == mentor


def test_the_applicant_moves_it_and_the_mentor_is_told_once(
    client, booked, later_slot, applicant, mentor
):
    client.force_login(applicant)

    response = client.post(url(booked), {"action": "move", "slot": later_slot.pk})

    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.moved_to.slot == later_slot
    assert list(
        Message.objects.exclude(kind="interview_booked").values_list("kind", flat=True)
    ) == ["interview_moved"]


def test_an_unknown_slot_keeps_the_form_and_changes_nothing(client, booked, applicant):
    client.force_login(applicant)

    response = client.post(url(booked), {"action": "move", "slot": "999999", "reason": "Later"})

    assert response.status_code == 400
    assert response.context["move"]["reason"].value() == "Later"
    booked.refresh_from_db()
    assert booked.status == Interview.Status.BOOKED
