import pytest
from django.core.exceptions import ValidationError

from projects.models import IdeaEvent, ProjectIdea
from projects.services.ideas import idea_withdraw
from tests.projects.authoring import idea_in

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.APPROVED]
)
def test_a_mentor_withdraws_their_idea_with_a_reason(participation, mentor, status):
    idea = idea_in(participation, mentor, status=status)

    idea_withdraw(idea=idea, by=mentor, comment="  No time this year.  ")

    idea.refresh_from_db()
    assert idea.status == Status.WITHDRAWN
    event = IdeaEvent.objects.get()
    assert (event.actor, event.from_status, event.to_status, event.comment) == (
        mentor,
        status,
        Status.WITHDRAWN,
        "No time this year.",
    )


def test_an_org_admin_withdraws_any_idea_of_the_organization(participation, mentor, org_admin):
    idea = idea_in(participation, mentor, status=Status.APPROVED)

    idea_withdraw(idea=idea, by=org_admin)

    idea.refresh_from_db()
    assert idea.status == Status.WITHDRAWN


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.REJECTED])
def test_a_closed_idea_cannot_be_withdrawn_again(participation, mentor, status):
    idea = idea_in(participation, mentor, status=status)

    with pytest.raises(ValidationError, match="already"):
        idea_withdraw(idea=idea, by=mentor)
    assert not IdeaEvent.objects.exists()


def test_another_mentor_of_the_organization_cannot_withdraw_it(participation, mentor, org_admin):
    idea = idea_in(participation, org_admin)

    with pytest.raises(ValidationError, match="Only the idea's mentors"):
        idea_withdraw(idea=idea, by=mentor)
    idea.refresh_from_db()
    assert idea.status == Status.DRAFT
