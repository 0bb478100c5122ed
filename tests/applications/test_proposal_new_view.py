"""Starting a proposal from an idea page: "Apply to this idea" for people who may, a draft
with the coding period's weeks. The idea's own organization gets 403; an idea nobody else can
see is not found (404)."""

import pytest
from django.urls import reverse

from applications.models import Proposal
from programs.timeline import Phase
from tests.factories import (
    ApplicationFactory,
    ParticipationFactory,
    ProjectIdeaFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
APPLY = "Apply to this idea"


def new_url(idea) -> str:
    p = idea.participation
    return reverse("applications:proposal_new", args=[p.round.slug, p.organization.slug, idea.slug])


def test_an_applicant_starts_a_draft_and_lands_on_it(client, application, idea):
    client.force_login(application.applicant)

    response = client.post(new_url(idea))

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "applications:proposal", args=[idea.participation.round.slug, proposal.pk]
    )
    assert proposal.weeks.count() == 12


def test_the_organizations_mentor_is_forbidden(client, idea, mentor):
    client.force_login(mentor)

    assert client.post(new_url(idea)).status_code == 403
    assert not Proposal.objects.exists()


def test_an_unpublished_idea_is_not_found(client, application, participation):
    hidden = ProjectIdeaFactory(participation=participation, status="draft")
    client.force_login(application.applicant)

    assert client.post(new_url(hidden)).status_code == 404


def test_without_an_application_they_are_told_to_fill_it_in(client, applicant, idea):
    client.force_login(applicant)

    response = client.post(new_url(idea), follow=True)

    assert "Fill in your application" in response.content.decode()
    assert not Proposal.objects.exists()


def test_it_is_a_post(client, application, idea):
    client.force_login(application.applicant)

    assert client.get(new_url(idea)).status_code == 405


# --- The button on the idea page --------------------------------------------------------------


def test_the_idea_page_offers_apply_to_a_signed_in_stranger(client, idea):
    client.force_login(UserFactory())

    body = client.get(idea.get_absolute_url()).content.decode()

    assert APPLY in body
    assert new_url(idea) in body


@pytest.mark.parametrize("who", ["mentor", "org_admin"])
def test_the_idea_page_offers_no_apply_to_the_organizations_people(client, idea, who, request):
    client.force_login(request.getfixturevalue(who))

    assert APPLY not in client.get(idea.get_absolute_url()).content.decode()


def test_the_idea_page_offers_no_apply_to_anonymous_people(client, idea):
    assert APPLY not in client.get(idea.get_absolute_url()).content.decode()


def test_the_idea_page_offers_no_apply_outside_the_application_period(client):
    round_ = RoundFactory(phase=Phase.REVIEW)
    idea = ProjectIdeaFactory(participation=ParticipationFactory(round=round_))
    ApplicationFactory(round=round_)
    client.force_login(UserFactory())

    assert APPLY not in client.get(idea.get_absolute_url()).content.decode()
