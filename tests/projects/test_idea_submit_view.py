"""Submitting an idea for review (POST only).

Access: the idea's mentors and the organization's admins; program admins, who see drafts,
get 403; anyone else does not find a draft (404); anonymous people log in first.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from projects.models import ProjectIdea
from tests.factories import MembershipFactory
from tests.projects.authoring import idea_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(participation, mentor):
    return idea_in(participation, mentor, title="Disk backup tool")


def url(idea) -> str:
    return reverse("projects:idea_submit", args=["gsoc-2027", "qemu", idea.slug])


def test_a_mentor_submits_their_draft(client, draft, mentor):
    client.force_login(mentor)

    response = client.post(url(draft), follow=True)

    draft.refresh_from_db()
    assert (draft.status, draft.revision) == (ProjectIdea.Status.SUBMITTED, 1)
    assert response.redirect_chain[0][0] == reverse(
        "projects:idea_edit", args=["gsoc-2027", "qemu", draft.slug]
    )
    assert "is submitted" in response.content.decode()


def test_after_the_deadline_the_refusal_names_it(client, participation, draft, mentor):
    client.force_login(mentor)

    with time_machine.travel(participation.round.applications_close + timedelta(seconds=1)):
        response = client.post(url(draft), follow=True)

    assert "ideas can no longer be submitted" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ProjectIdea.Status.DRAFT


def test_a_program_admin_is_forbidden(client, draft, program_admin):
    client.force_login(program_admin)

    assert client.post(url(draft)).status_code == 403


@pytest.mark.parametrize("person", ["applicant", "outsider", "other_mentor"])
def test_a_draft_is_not_found_by_anyone_else(request, client, participation, draft, person):
    if person == "other_mentor":
        user = MembershipFactory(participation=participation).user
    else:
        user = request.getfixturevalue(person)
    client.force_login(user)

    assert client.post(url(draft)).status_code == 404
    draft.refresh_from_db()
    assert draft.status == ProjectIdea.Status.DRAFT


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    response = client.post(url(draft))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_only_answers_post(client, draft, mentor):
    client.force_login(mentor)

    assert client.get(url(draft)).status_code == 405
