import pytest
from django.urls import reverse

from programs.models import Participation

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied(participation):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)
    participation.refresh_from_db()
    return participation


def url(participation):
    return reverse(
        "programs:participation_withdraw",
        args=[participation.round.slug, participation.organization.slug],
    )


def test_an_org_admin_withdraws_the_participation(client, applied, org_admin):
    client.force_login(org_admin)

    response = client.post(url(applied), follow=True)

    applied.refresh_from_db()
    assert applied.status == Participation.Status.WITHDRAWN
    assert "The organization application is withdrawn." in response.content.decode()


def test_an_accepted_organization_is_told_to_ask_a_program_admin(client, participation, org_admin):
    client.force_login(org_admin)

    response = client.post(url(participation), follow=True)

    participation.refresh_from_db()
    assert participation.status == Participation.Status.ACCEPTED
    assert "ask a program admin" in response.content.decode()


def test_a_mentor_of_the_organization_is_forbidden(client, applied, mentor):
    client.force_login(mentor)

    assert client.post(url(applied)).status_code == 403


def test_an_outsider_is_not_found(client, applied, outsider):
    client.force_login(outsider)

    assert client.post(url(applied)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, applied):
    response = client.post(url(applied))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_asks_first_and_says_what_will_happen(client, applied, org_admin):
    client.force_login(org_admin)

    response = client.get(url(applied))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Withdraw QEMU&#x27;s application to Google Summer of Code 2027?" in page
    assert "can no longer be edited or submitted again" in page
    assert f'<form method="post" action="{url(applied)}">' in page
    applied.refresh_from_db()
    assert applied.status == Participation.Status.APPLIED


def test_a_mentor_of_the_organization_may_not_see_the_question(client, applied, mentor):
    client.force_login(mentor)

    assert client.get(url(applied)).status_code == 403


def test_an_outsider_does_not_find_the_question(client, applied, outsider):
    client.force_login(outsider)

    assert client.get(url(applied)).status_code == 404
