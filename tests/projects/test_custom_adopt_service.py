import pytest
from django.core.exceptions import ValidationError

from projects.models import IdeaEvent, ProjectIdea
from projects.services.custom import idea_adopt
from tests.factories import MembershipFactory
from tests.projects.idea_rows import make_idea

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


def test_the_adopter_becomes_the_mentor_of_a_draft(proposal, mentor):
    idea_adopt(idea=proposal, by=mentor)

    proposal.refresh_from_db()
    assert proposal.status == ProjectIdea.Status.DRAFT
    assert [m.user for m in proposal.mentors.all()] == [mentor]
    assert proposal.proposed_by.email == "ana@example.org"  # still credited
    event = IdeaEvent.objects.get(idea=proposal)
    assert (event.actor, event.from_status, event.to_status) == (mentor, "proposed", "draft")


def test_a_second_adopter_is_told_who_was_first(proposal, mentor):
    idea_adopt(idea=proposal, by=mentor)
    stale = ProjectIdea.objects.get(pk=proposal.pk)
    stale.status = ProjectIdea.Status.PROPOSED  # as the page showed it to the second mentor

    with pytest.raises(ValidationError, match="already adopted by Mira Mentor"):
        idea_adopt(idea=stale, by=MembershipFactory(participation=proposal.participation).user)

    assert proposal.mentors.count() == 1


def test_an_idea_that_is_not_a_proposal_is_refused(participation, mentor):
    rejected = make_idea(participation, status=ProjectIdea.Status.REJECTED, mentors=())

    with pytest.raises(ValidationError, match="no longer waits for a mentor"):
        idea_adopt(idea=rejected, by=mentor)


@pytest.mark.parametrize("who", ["applicant", "outsider", "program_admin"])
def test_only_the_organizations_mentors_and_admins_adopt(proposal, request, who):
    with pytest.raises(ValidationError, match="Only the organization's mentors and admins"):
        idea_adopt(idea=proposal, by=request.getfixturevalue(who))

    proposal.refresh_from_db()
    assert proposal.status == ProjectIdea.Status.PROPOSED
