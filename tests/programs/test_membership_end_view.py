import pytest
from django.urls import reverse

from programs.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(membership):
    participation = membership.participation
    return reverse(
        "programs:membership_end",
        args=[participation.round.slug, participation.organization.slug, membership.pk],
    )


def manage_url(participation):
    return reverse(
        "programs:participation_manage",
        args=[participation.round.slug, participation.organization.slug],
    )


@pytest.fixture
def mentorship(mentor):
    return mentor.memberships.get()


def test_an_org_admin_removes_a_mentor(client, mentorship, org_admin):
    client.force_login(org_admin)

    response = client.post(url(mentorship))

    assert response.status_code == 302
    assert response.url == manage_url(mentorship.participation)
    mentorship.refresh_from_db()
    assert mentorship.status == Membership.Status.REJECTED


def test_a_program_admin_removes_a_mentor(client, mentorship, program_admin):
    client.force_login(program_admin)

    client.post(url(mentorship))

    mentorship.refresh_from_db()
    assert mentorship.status == Membership.Status.REJECTED


def test_a_mentor_leaves_on_their_own(client, mentorship, mentor):
    client.force_login(mentor)

    response = client.post(url(mentorship), follow=True)

    mentorship.refresh_from_db()
    assert mentorship.status == Membership.Status.WITHDRAWN
    assert "You left QEMU" in response.content.decode()


def test_the_last_org_admin_is_told_they_cannot_leave(client, org_admin):
    membership = org_admin.memberships.get()
    client.force_login(org_admin)

    response = client.post(url(membership), follow=True)

    assert "last active org admin" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_a_mentor_cannot_remove_another_mentor(client, mentorship, participation):
    other = UserFactory()
    MembershipFactory(participation=participation, user=other, role=Membership.Role.MENTOR)
    client.force_login(other)

    assert client.post(url(mentorship)).status_code == 403
    mentorship.refresh_from_db()
    assert mentorship.status == Membership.Status.ACTIVE


def test_an_outsider_is_not_found(client, mentorship, outsider):
    client.force_login(outsider)

    assert client.post(url(mentorship)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, mentorship):
    response = client.post(url(mentorship))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_only_answers_post(client, mentorship, org_admin):
    client.force_login(org_admin)

    assert client.get(url(mentorship)).status_code == 405
