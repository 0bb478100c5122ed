"""The applicant's interviews page in a round: their invitations, the free future slots of the
mentors who invited them (20 a page, never every slot of the round), and their bookings, each
time in their own zone with the zone named, never the organization's notes or outcome. The
applicant's dashboard links to it when they hold an invitation.

Access: the page shows only the signed-in person's own rows, so any applicant gets 200 (with
nothing to show when nobody invited them); the round's mentors and org admins, who do not
apply, 403; a round that does not exist 404; anonymous visitors log in first.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from selection.models import Interview, InterviewSlot
from selection.services.interview_pages import FREE_SLOTS_PER_PAGE
from selection.services.interviews import interview_book
from tests.selection.interviews.world import invited, person, slot, tomorrow_at

pytestmark = pytest.mark.django_db

URL = reverse("selection:my_interviews", args=["gsoc-2027"])


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("outsider", 403), ("mentor", 403), ("applicant", 200)],
)
def test_applicants_see_their_own_and_the_rounds_people_get_403(
    client, invitation, request, viewer, status
):
    client.force_login(request.getfixturevalue(viewer))

    assert client.get(URL).status_code == status


def test_an_unknown_round_is_not_found(client, applicant):
    client.force_login(applicant)

    assert client.get(reverse("selection:my_interviews", args=["nope"])).status_code == 404


def test_anonymous_visitors_log_in_first(client, round_):
    assert client.get(URL).status_code == 302


def test_another_applicant_sees_none_of_it(client, invitation, free_slot, round_):
    client.force_login(person("bea@example.org"))

    page = client.get(URL).content.decode()

    assert "No mentor has invited you" in page
    assert "Book</button>" not in page


def test_it_offers_the_inviting_mentors_free_slots_in_the_applicants_zone(
    client, invitation, free_slot, applicant
):
    client.force_login(applicant)  # in Kolkata

    page = client.get(URL).content.decode()

    local = free_slot.starts_at.astimezone(ZoneInfo("Asia/Kolkata"))
    assert f"{local:%H:%M} IST" in page
    assert "Asia/Kolkata" in page
    assert reverse("selection:interview_book", args=["gsoc-2027", free_slot.pk]) in page


def test_a_booking_shows_where_the_calendar_file_and_never_the_notes(
    client, invitation, free_slot, later_slot, applicant
):
    booked = interview_book(slot=free_slot, applicant=applicant)
    Interview.objects.filter(pk=booked.pk).update(notes="Weak on C, sadly.", outcome="weak")
    client.force_login(applicant)

    page = client.get(URL).content.decode()

    assert "https://meet.example.org/qemu-interviews" in page
    assert reverse("selection:interview_ics", args=[booked.pk]) in page
    assert reverse("selection:interview_cancel", args=["gsoc-2027", booked.pk]) in page
    assert "Weak on C" not in page and "Weak candidate" not in page
    # The invitation is used: the mentor's other slots are no longer offered.
    assert reverse("selection:interview_book", args=["gsoc-2027", later_slot.pk]) not in page


def test_the_dashboard_links_here_once_invited(client, invitation, applicant):
    client.force_login(applicant)

    page = client.get(reverse("applications:dashboard", args=["gsoc-2027"])).content.decode()

    assert URL in page
    assert "1 invitation" in page.replace('<span class="num">', "").replace("</span>", "")


def test_the_dashboard_says_nothing_of_interviews_without_an_invitation(client, applicant, round_):
    client.force_login(applicant)

    page = client.get(reverse("applications:dashboard", args=["gsoc-2027"])).content.decode()

    assert URL not in page


@pytest.mark.parametrize("count", [3, 300])
def test_its_queries_do_not_grow_with_slots(
    client, participation, mentor, applicant, django_assert_num_queries, count
):
    invited(participation, applicant, mentor)
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
    slot(participation, person("max@example.org"), start)  # not an inviting mentor's
    client.force_login(applicant)
    # Session, user, round, roles in the round; invitations, bookings, free slots counted
    # and listed.
    with django_assert_num_queries(8):
        page = client.get(URL).content.decode()

    assert page.count("Book</button>") == min(count, FREE_SLOTS_PER_PAGE)


def test_the_dashboard_names_the_next_interview_once_booked(
    client, invitation, free_slot, applicant
):
    interview_book(slot=free_slot, applicant=applicant)
    client.force_login(applicant)

    page = client.get(reverse("applications:dashboard", args=["gsoc-2027"])).content.decode()

    assert "Your next interview:" in page
    assert "choose a time" not in page
