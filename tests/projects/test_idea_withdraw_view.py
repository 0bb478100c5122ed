"""Withdrawing an idea: GET asks (what will happen, room for a note), POST withdraws.

Access: the idea's mentors and the organization's admins; people who can see the idea
otherwise get 403 (program admins; anyone once it is published); a draft is not found by
anyone else (404); anonymous people log in first.
"""

import pytest
from django.urls import reverse

from projects.models import IdeaEvent, ProjectIdea
from tests.factories import MembershipFactory
from tests.projects.authoring import idea_in

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status


def url(idea) -> str:
    return reverse("projects:idea_withdraw", args=["gsoc-2027", "qemu", idea.slug])


def test_a_mentor_withdraws_their_idea_with_a_reason(client, participation, mentor):
    idea = idea_in(participation, mentor, status=Status.SUBMITTED)
    client.force_login(mentor)

    response = client.post(url(idea), {"comment": "No time this summer."}, follow=True)

    idea.refresh_from_db()
    assert idea.status == Status.WITHDRAWN
    assert IdeaEvent.objects.get().comment == "No time this summer."
    assert response.redirect_chain[0][0] == reverse("projects:my_ideas", args=["gsoc-2027", "qemu"])
    assert "is withdrawn" in response.content.decode()


def test_withdrawing_twice_is_refused_with_a_reason(client, participation, mentor):
    idea = idea_in(participation, mentor, status=Status.WITHDRAWN)
    client.force_login(mentor)

    response = client.post(url(idea), follow=True)

    assert "already withdrawn" in response.content.decode()


def test_a_published_idea_is_forbidden_to_other_mentors(client, participation, mentor):
    idea = idea_in(participation, mentor, status=Status.APPROVED)
    client.force_login(MembershipFactory(participation=participation).user)

    assert client.post(url(idea)).status_code == 403
    idea.refresh_from_db()
    assert idea.status == Status.APPROVED


def test_a_program_admin_is_forbidden(client, participation, mentor, program_admin):
    idea = idea_in(participation, mentor)
    client.force_login(program_admin)

    assert client.post(url(idea)).status_code == 403


@pytest.mark.parametrize("person", ["applicant", "outsider"])
def test_a_draft_is_not_found_by_people_outside_it(request, client, participation, mentor, person):
    idea = idea_in(participation, mentor)
    client.force_login(request.getfixturevalue(person))

    assert client.post(url(idea)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, participation, mentor):
    response = client.post(url(idea_in(participation, mentor)))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_asks_first_and_says_a_published_idea_leaves_the_list(client, participation, mentor):
    idea = idea_in(participation, mentor, status=Status.APPROVED, title="Disk backup")
    client.force_login(mentor)

    response = client.get(url(idea))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Withdraw “Disk backup”?" in page
    assert "It leaves the round&#x27;s public list of ideas" in page
    assert '<textarea id="confirm-comment" name="comment"' in page
    assert f'<form method="post" action="{url(idea)}">' in page
    idea.refresh_from_db()
    assert idea.status == Status.APPROVED


def test_the_edit_page_leads_to_the_question_not_to_the_action(client, participation, mentor):
    idea = idea_in(participation, mentor, status=Status.SUBMITTED)
    client.force_login(mentor)

    page = client.get(
        reverse("projects:idea_edit", args=["gsoc-2027", "qemu", idea.slug])
    ).content.decode()

    assert f'<a class="button danger" href="{url(idea)}">Withdraw the idea' in page
    assert f'action="{url(idea)}"' not in page


def test_a_program_admin_may_not_see_the_question(client, participation, mentor, program_admin):
    idea = idea_in(participation, mentor)
    client.force_login(program_admin)

    assert client.get(url(idea)).status_code == 403


def test_a_draft_question_is_not_found_by_an_outsider(client, participation, mentor, outsider):
    idea = idea_in(participation, mentor)
    client.force_login(outsider)

    assert client.get(url(idea)).status_code == 404
