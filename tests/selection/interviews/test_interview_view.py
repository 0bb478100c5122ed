"""One interview's page for the organization: when (in the viewer's zone), where, with whom;
the notes and outcome, private to the organization; cancelling and moving it.

Access: the organization's mentors and org admins and program admins read it (200); the
applicant (the notes are not theirs) and a mentor of another organization get 404. Only the
interviewer and the org admins change it: a program admin's or another mentor's POST is 403.
"""

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from programs.models import Membership
from selection.models import Interview
from selection.services.interviews import interview_book
from tests.factories import MembershipFactory
from tests.selection.interviews.world import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(free_slot, invitation, applicant):
    booked = interview_book(slot=free_slot, applicant=applicant)
    Interview.objects.filter(pk=booked.pk).update(notes="Knows the block layer well.")
    return booked


def url(interview) -> str:
    return reverse("selection:interview", args=["gsoc-2027", "qemu", interview.pk])


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("outsider", 404),
        ("applicant", 404),
        ("program_admin", 200),
        ("mentor", 200),
        ("org_admin", 200),
    ],
)
def test_the_organization_and_program_admins_read_it_and_the_applicant_never(
    client, booked, request, viewer, status
):
    client.force_login(request.getfixturevalue(viewer))

    response = client.get(url(booked))

    assert response.status_code == status
    assert ("Knows the block layer well." in response.content.decode()) is (status == 200)


@pytest.mark.parametrize("viewer", ["program_admin", "another mentor"])
def test_people_who_only_read_it_cannot_change_it(client, booked, participation, request, viewer):
    if viewer == "another mentor":
        someone = person("max@example.org")
        MembershipFactory(participation=participation, user=someone, role=Membership.Role.MENTOR)
    else:
        someone = request.getfixturevalue(viewer)
    client.force_login(someone)

    response = client.post(url(booked), {"action": "record", "notes": "x", "outcome": "weak"})

    assert response.status_code == 403
    booked.refresh_from_db()
    assert booked.outcome == ""


def test_it_shows_the_time_in_the_viewers_zone_with_the_zone_named(client, booked, mentor):
    client.force_login(mentor)

    page = client.get(url(booked)).content.decode()

    local = booked.starts_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert local.strftime("%H:%M") in page
    assert 'title="Europe/Berlin"' in page


def test_the_mentor_records_notes_and_an_outcome(client, booked, mentor):
    client.force_login(mentor)

    response = client.post(
        url(booked), {"action": "record", "notes": "Strong on C.", "outcome": "strong"}
    )

    assert response.status_code == 302
    booked.refresh_from_db()
    assert (booked.notes, booked.outcome) == ("Strong on C.", "strong")


def test_an_unknown_outcome_keeps_the_notes_typed(client, booked, mentor):
    client.force_login(mentor)

    response = client.post(url(booked), {"action": "record", "notes": "Draft", "outcome": "meh"})

    assert response.status_code == 400
    assert response.context["record"]["notes"].value() == "Draft"


def test_the_mentor_cancels_and_the_applicant_is_told(client, booked, mentor, applicant):
    client.force_login(mentor)

    response = client.post(url(booked), {"action": "cancel", "reason": "I am ill"})

    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == Interview.Status.CANCELLED
    assert booked.cancelled_by == mentor


def test_the_mentor_moves_it_to_another_of_their_slots(client, booked, later_slot, mentor):
    client.force_login(mentor)

    page = client.get(url(booked)).content.decode()
    response = client.post(url(booked), {"action": "move", "slot": later_slot.pk, "reason": ""})

    assert f'value="{later_slot.pk}"' in page
    booked.refresh_from_db()
    assert booked.moved_to.slot == later_slot
    assert response.url == url(booked.moved_to)


def test_a_mentor_of_another_organization_cannot_post_either(client, booked, outsider):
    client.force_login(outsider)

    assert client.post(url(booked), {"action": "cancel"}).status_code == 404
