"""A mentor's interview slots page: publish slots typed in their own zone, list them (upcoming
or past, 25 a page, each with who booked it), delete a free one, and invite the applicants of
proposals flagged for interview.

Access: the organization's mentors and org admins (200); program admins, who hold no
interviews, 403; a mentor of another organization and applicants 404; anonymous visitors log
in first.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from selection.models import Candidacy, Interview, InterviewSlot
from selection.services.interview_pages import SLOTS_PER_PAGE
from selection.services.interviews import interview_book
from tests.factories import ApplicationFactory, ProjectIdeaFactory, ProposalFactory, UserFactory
from tests.selection.interviews.world import slot, tomorrow_at

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def url(participation, query: str = "") -> str:
    address = reverse(
        "selection:interview_slots",
        args=[participation.round.slug, participation.organization.slug],
    )
    return f"{address}?{query}" if query else address


def publish(**fields) -> dict:
    return {
        "action": "publish",
        "starts_at": "2027-03-02T10:00",
        "count": "2",
        "length": "60",
        "where": "https://meet.example.org/mira",
        **fields,
    }


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("outsider", 404),
        ("applicant", 404),
        ("program_admin", 403),
        ("mentor", 200),
        ("org_admin", 200),
    ],
)
def test_only_the_organizations_mentors_and_admins_hold_interviews(
    client, participation, request, viewer, status
):
    client.force_login(request.getfixturevalue(viewer))

    assert client.get(url(participation)).status_code == status


def test_anonymous_visitors_log_in_first(client, participation):
    assert client.get(url(participation)).status_code == 302


@time_machine.travel(NOW, tick=False)
def test_slots_typed_in_the_mentors_zone_are_stored_in_utc(client, participation, mentor):
    client.force_login(mentor)  # in Berlin: 10:00 CET is 09:00 UTC

    response = client.post(url(participation), publish())

    assert response.status_code == 302
    assert list(InterviewSlot.objects.values_list("starts_at", "ends_at")) == [
        (datetime(2027, 3, 2, 9, 0, tzinfo=UTC), datetime(2027, 3, 2, 10, 0, tzinfo=UTC)),
        (datetime(2027, 3, 2, 10, 0, tzinfo=UTC), datetime(2027, 3, 2, 11, 0, tzinfo=UTC)),
    ]
    page = client.get(url(participation)).content.decode()
    assert "Tue 02 Mar 2027, 10:00 CET" in page
    assert "Europe/Berlin" in page


@time_machine.travel(NOW, tick=False)
def test_a_refusal_keeps_what_was_typed(client, participation, mentor):
    client.force_login(mentor)

    response = client.post(url(participation), publish(starts_at="2027-02-01T10:00"))

    assert response.status_code == 400
    assert "has passed" in response.content.decode()
    assert response.context["form"]["where"].value() == "https://meet.example.org/mira"
    assert not InterviewSlot.objects.exists()


def test_a_mentor_deletes_a_free_slot(client, participation, mentor):
    free = slot(participation, mentor, tomorrow_at(10))
    client.force_login(mentor)

    response = client.post(url(participation), {"action": "withdraw", "slot": free.pk})

    assert response.status_code == 302
    assert not InterviewSlot.objects.exists()


def test_a_booked_slot_shows_its_applicant_and_cannot_be_deleted(
    client, participation, mentor, applicant, invitation, free_slot
):
    interview = interview_book(slot=free_slot, applicant=applicant)
    client.force_login(mentor)

    page = client.get(url(participation)).content.decode()
    client.post(url(participation), {"action": "withdraw", "slot": free_slot.pk})

    assert (
        reverse("selection:interview", args=["gsoc-2027", "qemu", interview.pk]) in page
        and "Ana Applicant" in page
    )
    assert InterviewSlot.objects.filter(pk=free_slot.pk).exists()


def test_it_lists_the_flagged_proposals_to_invite(client, participation, mentor, invitation):
    other = Candidacy.objects.get(pk=invitation.candidacy_id)
    client.force_login(mentor)

    page = client.get(url(participation)).content.decode()

    assert other.proposal.title in page
    assert "Invited by you" in page


def _many(participation, mentor, count: int) -> None:
    """`count` future slots of the mentor, and `count` flagged proposals, in bulk."""
    start = tomorrow_at(0)
    InterviewSlot.objects.bulk_create(
        InterviewSlot(
            participation=participation,
            mentor=mentor,
            starts_at=start + timedelta(minutes=30 * i),
            ends_at=start + timedelta(minutes=30 * (i + 1)),
            where="https://meet.example.org/mira",
        )
        for i in range(count)
    )
    idea = ProjectIdeaFactory(participation=participation)
    for i in range(min(count, 3)):  # the list pages; a few rows show its shape
        application = ApplicationFactory(round=participation.round, applicant=UserFactory())
        proposal = ProposalFactory(application=application, idea=idea, submitted=True)
        Candidacy.objects.create(
            proposal=proposal,
            participation=participation,
            applicant=application.applicant,
            interview_flagged_at=start - timedelta(days=1, minutes=i),
        )


@pytest.mark.parametrize("count", [3, 300])
def test_its_queries_do_not_grow_with_slots(
    client, participation, mentor, django_assert_num_queries, count
):
    _many(participation, mentor, count)
    client.force_login(mentor)
    # Session, user, participation, roles; slots counted, listed, their bookings; flagged
    # proposals counted and listed.
    with django_assert_num_queries(9):
        response = client.get(url(participation))

    assert response.content.decode().count("<tr>") <= SLOTS_PER_PAGE + 1 + 20 + 1


def test_org_admins_list_every_interview_of_the_organization_with_its_outcome(
    client, participation, org_admin, mentor, applicant, invitation, free_slot
):
    booked = interview_book(slot=free_slot, applicant=applicant)
    Interview.objects.filter(pk=booked.pk).update(outcome="strong", notes="Private words.")
    client.force_login(org_admin)

    page = client.get(url(participation, "show=organization")).content.decode()

    assert "Ana Applicant" in page and "Mira Mentor" in page
    assert "Strong candidate" in page
    assert "Private words." not in page  # on the interview's own page


def test_mentors_list_only_their_own_slots(
    client, participation, mentor, applicant, invitation, free_slot
):
    interview_book(slot=free_slot, applicant=applicant)
    client.force_login(mentor)

    page = client.get(url(participation, "show=organization")).content.decode()

    assert "Every interview of" not in page
    assert "Delete" not in page and "Ana Applicant" in page  # their own booked slot


def test_the_organizations_page_links_here_for_its_people(client, participation, mentor):
    client.force_login(mentor)

    page = client.get(
        reverse("programs:participation", args=["gsoc-2027", "qemu"])
    ).content.decode()

    assert url(participation) in page
