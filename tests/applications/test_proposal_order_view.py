"""Ordering one's submitted proposals by preference (move up, move down: plain forms). Only
the applicant's own page lists them; nobody without an application in the round finds it
(404); the order never reaches the organizations, on a page or in their JSON."""

import pytest
from django.urls import reverse

from applications.models import Proposal
from applications.services.proposals import proposal_save, proposal_start, proposal_submit
from tests.applications.proposal_world import content
from tests.factories import ApplicationFactory, ProjectIdeaFactory, ProposalFactory

pytestmark = pytest.mark.django_db
URL = reverse("applications:proposal_order", args=["gsoc-2027"])


@pytest.fixture
def submitted(application, participation):
    proposals = []
    for title in ("First choice", "Second choice", "Third choice"):
        idea = ProjectIdeaFactory(participation=participation)
        proposal = proposal_start(applicant=application.applicant, idea=idea)
        proposal_save(proposal=proposal, by=proposal.applicant, content=content(title=title))
        proposals.append(proposal_submit(proposal=proposal, by=proposal.applicant))
    return proposals


def titles(response) -> list[str]:
    body = response.content.decode()
    return sorted(
        ("First choice", "Second choice", "Third choice"), key=lambda title: body.index(title)
    )


def test_the_applicant_sees_their_order_privately(client, submitted):
    client.force_login(submitted[0].applicant)

    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == ["First choice", "Second choice", "Third choice"]
    assert "private" in response["Cache-Control"]


def test_moving_one_up_works_without_javascript(client, submitted):
    client.force_login(submitted[0].applicant)

    response = client.post(URL, {"proposal": submitted[2].pk, "direction": "up"}, follow=True)

    assert titles(response) == ["First choice", "Third choice", "Second choice"]
    assert Proposal.objects.get(pk=submitted[2].pk).preference == 2


def test_moving_anothers_proposal_is_refused(client, submitted, application, round_):
    stranger = ApplicationFactory(round=round_)
    theirs = ProposalFactory(application=stranger, submitted=True, preference=1)
    client.force_login(application.applicant)

    response = client.post(URL, {"proposal": theirs.pk, "direction": "down"}, follow=True)

    assert "Only your submitted proposals are ordered." in response.content.decode()


def test_someone_without_an_application_in_the_round_gets_404(client, submitted, mentor):
    client.force_login(mentor)

    assert client.get(URL).status_code == 404


def test_a_nonsense_proposal_number_is_a_message_not_an_error(client, submitted):
    client.force_login(submitted[0].applicant)

    response = client.post(URL, {"proposal": "x" * 50, "direction": "up"}, follow=True)

    assert response.status_code == 200
    assert "Choose a proposal to move." in response.content.decode()


def test_the_organizations_ideas_json_never_carries_the_order(client, submitted, participation):
    response = client.get(reverse("projects:org_ideas_json", args=["gsoc-2027", "qemu"]))

    assert "preference" not in response.content.decode()
