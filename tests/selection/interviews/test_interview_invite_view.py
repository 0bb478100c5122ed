"""Inviting the applicant of a proposal flagged for interview (POST only; <pk> is the
proposal's).

Access: the organization's mentors and org admins invite (302 back to the slots page);
program admins 403; a mentor of another organization and applicants 404.
"""

import pytest
from django.urls import reverse

from notifications.models import Message
from selection.models import InterviewInvitation
from tests.selection.interviews.world import flagged

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidacy(participation, applicant, mentor):
    return flagged(participation, applicant, by=mentor)


def url(candidacy) -> str:
    return reverse("selection:interview_invite", args=["gsoc-2027", "qemu", candidacy.pk])


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("outsider", 404), ("applicant", 404), ("program_admin", 403), ("mentor", 302)],
)
def test_only_the_organizations_mentors_and_admins_invite(
    client, candidacy, request, viewer, status
):
    client.force_login(request.getfixturevalue(viewer))

    response = client.post(url(candidacy), {"message": "Pick a time"})

    assert response.status_code == status
    assert InterviewInvitation.objects.exists() is (status == 302)


def test_the_applicant_is_invited_and_told(client, candidacy, mentor, applicant):
    client.force_login(mentor)

    response = client.post(url(candidacy), {"message": "Pick a time"}, follow=True)

    assert "is invited to book one of your slots" in response.content.decode()
    assert Message.objects.get(kind="interview_invitation").recipient == applicant


def test_a_second_invitation_is_refused_in_words(client, candidacy, mentor):
    client.force_login(mentor)
    client.post(url(candidacy))

    response = client.post(url(candidacy), follow=True)

    assert "You already invited this applicant." in response.content.decode()
    assert InterviewInvitation.objects.count() == 1


def test_it_takes_only_a_post(client, candidacy, mentor):
    client.force_login(mentor)

    assert client.get(url(candidacy)).status_code == 405
