"""A mentor or org admin adopts an applicant's idea; from then on it is an ordinary draft,
and once approved it is published to every applicant.

Access (projects.permissions.idea_for_adopt): the organization's active mentors and org
admins adopt; people who can see the proposal without that role (its proposer, program
admins) get 403; people who cannot see it (other applicants, outsiders) get 404; anonymous
visitors are sent to log in. GET is refused (405).
"""

import pytest
from django.urls import reverse

from programs.models import Membership
from projects.models import IdeaEvent, ProjectIdea
from tests.factories import MembershipFactory, UserFactory
from tests.projects.idea_rows import idea_url, make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(participation, applicant):
    return make_idea(
        participation,
        "Fuzz the QMP parser",
        status=ProjectIdea.Status.PROPOSED,
        proposed_by=applicant,
        mentors=(),
    )


def adopt_url(idea):
    return idea_url(idea, "projects:idea_adopt")


@pytest.mark.parametrize("viewer", ["mentor", "org_admin"])
def test_the_organizations_people_adopt_a_proposal(client, proposal, request, viewer):
    adopter = request.getfixturevalue(viewer)
    client.force_login(adopter)

    response = client.post(adopt_url(proposal), follow=True)

    proposal.refresh_from_db()
    assert proposal.status == ProjectIdea.Status.DRAFT
    assert [m.user for m in proposal.mentors.all()] == [adopter]
    assert IdeaEvent.objects.filter(idea=proposal, actor=adopter, to_status="draft").exists()
    assert response.redirect_chain[-1][0] == idea_url(proposal)
    assert "You mentor “Fuzz the QMP parser” now" in response.content.decode()


def test_the_idea_page_offers_the_adopt_button_to_a_mentor(client, proposal, mentor):
    client.force_login(mentor)

    page = client.get(idea_url(proposal)).content.decode()

    assert f'action="{adopt_url(proposal)}"' in page


def test_a_second_adopter_is_told_it_was_taken(client, proposal, mentor, org_admin):
    client.force_login(mentor)
    client.post(adopt_url(proposal))
    client.force_login(org_admin)  # still sees it: org admins see every idea

    response = client.post(adopt_url(proposal), follow=True)

    assert "already adopted by Mira Mentor" in response.content.decode()
    assert proposal.mentors.count() == 1


def test_the_proposer_is_forbidden_to_adopt(client, proposal, applicant):
    client.force_login(applicant)

    assert client.post(adopt_url(proposal)).status_code == 403


def test_a_program_admin_without_a_role_is_forbidden(client, proposal, program_admin):
    client.force_login(program_admin)

    assert client.post(adopt_url(proposal)).status_code == 403


@pytest.mark.parametrize("viewer", ["outsider", "another_applicant"])
def test_those_who_cannot_see_the_proposal_get_not_found(client, proposal, request, viewer):
    user = UserFactory() if viewer == "another_applicant" else request.getfixturevalue(viewer)
    client.force_login(user)

    assert client.post(adopt_url(proposal)).status_code == 404
    assert client.get(idea_url(proposal)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, proposal):
    response = client.post(adopt_url(proposal))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_get_is_not_allowed(client, proposal, mentor):
    client.force_login(mentor)

    assert client.get(adopt_url(proposal)).status_code == 405


def test_after_adoption_the_proposer_still_follows_it_and_other_mentors_no_longer_see_it(
    client, proposal, mentor, applicant, participation
):
    other_mentor = UserFactory()
    MembershipFactory(participation=participation, user=other_mentor, role=Membership.Role.MENTOR)
    client.force_login(mentor)
    client.post(adopt_url(proposal))

    client.force_login(applicant)
    assert (
        '<span class="badge warn">Draft</span>' in client.get(idea_url(proposal)).content.decode()
    )
    client.force_login(other_mentor)
    assert client.get(idea_url(proposal)).status_code == 404


def test_once_approved_it_is_published_to_every_applicant(client, proposal, mentor):
    client.force_login(mentor)
    client.post(adopt_url(proposal))
    # The form, submission and review belong to the editing flow; approval is its outcome.
    ProjectIdea.objects.filter(pk=proposal.pk).update(status=ProjectIdea.Status.APPROVED)
    client.logout()

    listing = client.get(reverse("projects:round_ideas", args=["gsoc-2027"]))

    assert [idea.title for idea in listing.context["page"]] == ["Fuzz the QMP parser"]
    assert client.get(idea_url(proposal)).status_code == 200
