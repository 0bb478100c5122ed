"""Submitting and withdrawing a proposal: its author only (the organization's people 403,
anyone else 404), to the second of the deadline; withdrawing asks first on the shared
confirmation page, and the applicant may then apply to the same idea again."""

import re

import pytest
from django.urls import reverse

from applications.models import Proposal
from applications.services.proposals import proposal_save
from tests.applications.proposal_world import SECOND, at, content
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def submit_url(proposal) -> str:
    return reverse("applications:proposal_submit", args=["gsoc-2027", proposal.pk])


def withdraw_url(proposal) -> str:
    return reverse("applications:proposal_withdraw", args=["gsoc-2027", proposal.pk])


@pytest.fixture
def ready(draft):
    return proposal_save(proposal=draft, by=draft.applicant, content=content())


def test_its_author_submits_and_sees_submitted_on_the_date(client, ready, round_):
    client.force_login(ready.applicant)

    with at(round_.applications_close - SECOND):
        response = client.post(submit_url(ready), follow=True)

    ready.refresh_from_db()
    assert ready.status == Status.SUBMITTED
    body = response.content.decode()
    assert "is submitted" in body
    assert re.search(r"Submitted on <time[^>]*>[^<]*, 23:29 IST</time>", body)


def test_a_submission_one_second_after_the_deadline_is_refused_naming_it(client, ready, round_):
    client.force_login(ready.applicant)

    with at(round_.applications_close + SECOND):
        response = client.post(submit_url(ready), follow=True)

    ready.refresh_from_db()
    assert ready.status == Status.DRAFT
    assert re.search(r"The deadline was [^;]*23:30 IST", response.content.decode())


def test_the_organizations_mentor_may_not_submit_it(client, ready, mentor):
    client.force_login(mentor)

    assert client.post(submit_url(ready)).status_code == 403
    assert client.get(withdraw_url(ready)).status_code == 403


def test_another_applicant_gets_404(client, ready):
    client.force_login(UserFactory())

    assert client.post(submit_url(ready)).status_code == 404
    assert client.post(withdraw_url(ready)).status_code == 404


def test_withdrawing_asks_first_on_the_confirmation_page(client, ready):
    client.force_login(ready.applicant)

    response = client.get(withdraw_url(ready))

    assert response.status_code == 200
    assert "Withdraw the proposal" in response.content.decode()
    assert "private" in response["Cache-Control"]
    ready.refresh_from_db()
    assert ready.status == Status.DRAFT


def test_after_withdrawing_the_idea_page_lets_them_apply_again(client, ready, idea):
    client.force_login(ready.applicant)

    client.post(withdraw_url(ready))
    assert "Apply to this idea" in client.get(idea.get_absolute_url()).content.decode()
    client.post(
        reverse("applications:proposal_new", args=["gsoc-2027", "qemu", idea.slug]),
    )

    assert list(Proposal.objects.values_list("status", flat=True).order_by("pk")) == [
        Status.WITHDRAWN,
        Status.DRAFT,
    ]
