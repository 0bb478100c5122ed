"""Booking a slot (POST only; <pk> is the slot's), from the applicant's interviews page.

Access: an applicant the slot's mentor invited books (302 back to their page); the
organization's people and program admins know the slot (403); anyone else, a mentor of
another organization or an applicant nobody invited, gets 404.
"""

import pytest
from django.urls import reverse

from notifications.models import Message
from selection.models import Interview
from tests.selection.interviews.world import invited, person

pytestmark = pytest.mark.django_db


def url(slot) -> str:
    return reverse("selection:interview_book", args=["gsoc-2027", slot.pk])


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("outsider", 404), ("stranger", 404), ("program_admin", 403), ("mentor", 403)],
)
def test_only_an_invited_applicant_books(client, free_slot, invitation, request, viewer, status):
    someone = person("sam@example.org") if viewer == "stranger" else request.getfixturevalue(viewer)
    client.force_login(someone)

    assert client.post(url(free_slot)).status_code == status
    assert not Interview.objects.exists()


def test_the_invited_applicant_books_and_the_mentor_is_told(
    client, free_slot, invitation, applicant, mentor
):
    client.force_login(applicant)

    response = client.post(url(free_slot), follow=True)

    assert "Your interview with Mira Mentor is booked" in response.content.decode()
    assert Interview.objects.booked().get().applicant == applicant
    assert Message.objects.get(kind="interview_booked").recipient == mentor


def test_a_slot_taken_meanwhile_is_refused_in_words(
    client, free_slot, invitation, applicant, participation, mentor
):
    bea = person("bea@example.org")
    invited(participation, bea, mentor)
    client.force_login(bea)
    client.post(url(free_slot))
    client.force_login(applicant)

    response = client.post(url(free_slot), follow=True)

    assert "Someone has just booked this slot" in response.content.decode()
    assert Interview.objects.booked().get().applicant == bea


def test_it_takes_only_a_post(client, free_slot, invitation, applicant):
    client.force_login(applicant)

    assert client.get(url(free_slot)).status_code == 405
