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


def test_removing_asks_first_and_says_what_will_happen(client, mentorship, org_admin):
    client.force_login(org_admin)

    response = client.get(url(mentorship))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Remove Mira Mentor as mentor of QEMU in Google Summer of Code 2027?" in page
    assert "Mira Mentor stops being mentor of QEMU" in page
    assert "send them a new invitation" in page
    assert f'<form method="post" action="{url(mentorship)}">' in page
    assert f'href="{manage_url(mentorship.participation)}">Cancel</a>' in page
    mentorship.refresh_from_db()
    assert mentorship.status == Membership.Status.ACTIVE


def test_leaving_asks_first_and_says_what_will_happen(client, mentorship, mentor):
    client.force_login(mentor)

    response = client.get(url(mentorship))

    page = response.content.decode()
    assert "Stop being mentor of QEMU in Google Summer of Code 2027?" in page
    assert "You lose access to the organization&#x27;s own pages" in page
    assert ">Stop being mentor</button>" in page
    mentorship.refresh_from_db()
    assert mentorship.status == Membership.Status.ACTIVE


def test_the_pages_lead_to_the_question_not_to_the_action(client, mentorship, mentor):
    participation = mentorship.participation
    client.force_login(mentor)

    page = client.get(
        reverse(
            "programs:participation",
            args=[participation.round.slug, participation.organization.slug],
        )
    ).content.decode()

    assert f'<a class="button secondary" href="{url(mentorship)}">Stop being mentor' in page
    assert f'action="{url(mentorship)}"' not in page


def test_a_mentor_may_not_see_the_question_about_another(client, mentorship, participation):
    client.force_login(MembershipFactory(participation=participation).user)

    assert client.get(url(mentorship)).status_code == 403


def test_an_outsider_does_not_find_the_question(client, mentorship, outsider):
    client.force_login(outsider)

    assert client.get(url(mentorship)).status_code == 404
