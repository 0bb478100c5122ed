"""A mentor confirms or rejects a contribution to their organization.

Access: the organization's mentors and org admins give a verdict (200, then a redirect);
program admins and the contribution's own applicant see it (403); another applicant and
mentors of another organization get 404.
"""

import pytest
from django.core import mail
from django.urls import reverse

from applications.models import Contribution
from notifications.models import Message
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contribution(applicant, participation):
    return ContributionFactory(applicant=applicant, participation=participation)


def url(contribution, org="qemu") -> str:
    return reverse("applications:contribution_review", args=["gsoc-2027", org, contribution.pk])


@pytest.mark.parametrize("who", ["mentor", "org_admin"])
def test_a_mentor_or_org_admin_confirms_and_the_applicant_is_told_once(
    client, contribution, applicant, request, who, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(who))
    page = client.get(url(contribution))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("private")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(contribution), {"verdict": "confirmed"})
        client.post(url(contribution), {"verdict": "confirmed"})  # a second click

    contribution.refresh_from_db()
    assert contribution.verdict == Contribution.Verdict.CONFIRMED
    assert Message.objects.filter(kind="contribution_confirmed", recipient=applicant).count() == 1
    assert len(mail.outbox) == 1


def test_a_mentor_rejects(client, contribution, mentor, django_capture_on_commit_callbacks):
    client.force_login(mentor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(contribution), {"verdict": "rejected"}, follow=True)

    assert "The contribution is rejected" in response.content.decode()
    assert Message.objects.get().kind == "contribution_rejected"


def test_a_verdict_that_is_neither_is_refused_with_a_message(client, contribution, mentor):
    client.force_login(mentor)

    response = client.post(url(contribution), {"verdict": "maybe"}, follow=True)

    assert "Confirm or reject" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.verdict == Contribution.Verdict.UNREVIEWED


@pytest.mark.parametrize("who", ["program_admin", "applicant"])
def test_people_who_see_it_but_do_not_review_get_403(client, contribution, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(url(contribution)).status_code == 403
    assert client.post(url(contribution), {"verdict": "confirmed"}).status_code == 403


def test_another_applicant_gets_404(client, contribution):
    client.force_login(UserFactory())

    assert client.get(url(contribution)).status_code == 404


def test_a_mentor_of_another_organization_gets_404_even_at_their_own_address(
    client, contribution, outsider
):
    client.force_login(outsider)

    assert client.get(url(contribution)).status_code == 404
    assert client.get(url(contribution, org="libvirt")).status_code == 404
    assert client.post(url(contribution), {"verdict": "confirmed"}).status_code == 404
