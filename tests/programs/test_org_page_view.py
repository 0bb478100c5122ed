"""The public page of an organization in a round.

Access: an accepted organization is public (anyone reads it); one not accepted is 404 to
outsiders and visible to its own people and program admins. Nobody is read-only here.
"""

import pytest
from django.urls import reverse

from programs.models import Membership, Participation
from programs.services.memberships import membership_end
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(participation):
    return reverse(
        "programs:participation", args=[participation.round.slug, participation.organization.slug]
    )


def add_mentors(participation, count):
    MembershipFactory.create_batch(count, participation=participation, role=Membership.Role.MENTOR)


def test_anyone_sees_an_accepted_organization_with_its_people(client, participation, org_admin):
    mentor = UserFactory(
        display_name="Mira Mentor", pronouns="she/her", irc_nick="mira", matrix_id="@mira:m.org"
    )
    MembershipFactory(participation=participation, user=mentor, role=Membership.Role.MENTOR)

    response = client.get(url(participation))

    assert response.status_code == 200
    page = response.content.decode()
    assert "QEMU" in page
    assert "Accepted" in page
    assert "Olga Orgadmin" in page
    for detail in ("Mira Mentor", "she/her", "mira", "@mira:m.org"):
        assert detail in page
    assert mentor.email not in page


def test_it_shows_the_slots_granted(client, participation):
    Participation.objects.filter(pk=participation.pk).update(slots_granted=3)

    response = client.get(url(participation))

    assert "Slots granted" in response.content.decode()
    assert response.context["participation"].slots_granted == 3


def test_withdrawn_and_rejected_people_never_appear(client, participation, org_admin):
    for status, name in [
        (Membership.Status.WITHDRAWN, "Wanda Withdrawn"),
        (Membership.Status.REJECTED, "Rex Rejected"),
    ]:
        MembershipFactory(
            participation=participation, user=UserFactory(display_name=name), status=status
        )

    page = client.get(url(participation)).content.decode()

    assert "Wanda Withdrawn" not in page
    assert "Rex Rejected" not in page


def test_a_mentor_who_withdraws_disappears_at_once(client, participation, mentor, org_admin):
    assert "Mira Mentor" in client.get(url(participation)).content.decode()

    membership_end(membership=mentor.memberships.get(), by=mentor)

    assert "Mira Mentor" not in client.get(url(participation)).content.decode()


def test_an_organization_not_yet_accepted_is_seen_by_its_org_admin(
    client, participation, org_admin
):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)
    client.force_login(org_admin)

    response = client.get(url(participation))

    assert response.status_code == 200
    assert "Manage this organization" in response.content.decode()


def test_an_organization_not_yet_accepted_is_not_found_by_outsiders(
    client, participation, outsider
):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)
    client.force_login(outsider)

    assert client.get(url(participation)).status_code == 404


def test_an_organization_not_yet_accepted_is_not_found_by_anonymous_visitors(client, participation):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)

    assert client.get(url(participation)).status_code == 404


def test_a_mentor_sees_how_to_leave_but_no_manage_link(client, participation, mentor):
    client.force_login(mentor)

    page = client.get(url(participation)).content.decode()

    assert "Stop being mentor" in page
    assert "Manage this organization" not in page


# Anonymous: participation, people. Signed in: session and user first, then the same two,
# and the viewer's own request to mentor.
@pytest.mark.parametrize(("viewer", "queries"), [("anonymous", 2), ("org_admin", 5)])
def test_it_makes_the_same_queries_for_2_or_12_people(
    client, participation, org_admin, django_assert_num_queries, viewer, queries, request
):
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    add_mentors(participation, 1)
    with django_assert_num_queries(queries):
        client.get(url(participation))

    add_mentors(participation, 10)
    with django_assert_num_queries(queries):
        response = client.get(url(participation))

    assert len(response.context["mentors"]) == 11
