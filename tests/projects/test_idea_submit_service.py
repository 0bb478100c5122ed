from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from programs.models import Participation
from projects.models import IdeaEvent, ProjectIdea
from projects.services.ideas import idea_submit
from tests.projects.authoring import idea_in

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status


def test_it_submits_a_draft_as_its_first_revision(participation, mentor):
    idea = idea_in(participation, mentor)

    idea_submit(idea=idea, by=mentor)

    idea.refresh_from_db()
    assert (idea.status, idea.revision) == (Status.SUBMITTED, 1)
    assert idea.submitted_at is not None
    event = IdeaEvent.objects.get()
    assert (event.actor, event.from_status, event.to_status) == (mentor, "draft", "submitted")


def test_submitting_again_after_changes_makes_a_new_revision(participation, mentor):
    idea = idea_in(participation, mentor, status=Status.CHANGES_REQUESTED, revision=1)

    idea_submit(idea=idea, by=mentor)

    idea.refresh_from_db()
    assert (idea.status, idea.revision) == (Status.SUBMITTED, 2)


def test_an_org_admin_may_submit_an_idea_of_the_organization(participation, mentor, org_admin):
    idea = idea_in(participation, mentor)

    idea_submit(idea=idea, by=org_admin)

    assert IdeaEvent.objects.get().actor == org_admin


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.APPROVED, Status.REJECTED, Status.WITHDRAWN]
)
def test_only_a_draft_or_an_idea_with_changes_requested_is_submitted(participation, mentor, status):
    idea = idea_in(participation, mentor, status=status, revision=3)

    with pytest.raises(ValidationError, match="only a draft"):
        idea_submit(idea=idea, by=mentor)
    idea.refresh_from_db()
    assert (idea.status, idea.revision) == (status, 3)


def test_another_mentor_of_the_organization_cannot_submit_it(participation, mentor, org_admin):
    idea = idea_in(participation, org_admin)

    with pytest.raises(ValidationError, match="Only the idea's mentors"):
        idea_submit(idea=idea, by=mentor)


def test_an_idea_without_a_co_mentor_cannot_be_submitted(participation, org_admin):
    idea = idea_in(participation)

    with pytest.raises(ValidationError, match="at least one co-mentor"):
        idea_submit(idea=idea, by=org_admin)


def test_an_organization_that_has_applied_may_submit_ideas(participation, mentor):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)
    idea = idea_in(participation, mentor)
    idea.participation.refresh_from_db()

    idea_submit(idea=idea, by=mentor)

    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED


@pytest.mark.parametrize(
    "status",
    [Participation.Status.DRAFT, Participation.Status.REJECTED, Participation.Status.WITHDRAWN],
)
def test_an_organization_that_has_not_applied_or_left_cannot_submit(participation, mentor, status):
    participation.status = status
    participation.save()
    idea = idea_in(participation, mentor)

    with pytest.raises(ValidationError, match="ideas can be submitted once it has applied"):
        idea_submit(idea=idea, by=mentor)


def test_one_second_before_the_application_deadline_it_is_still_submitted(participation, mentor):
    idea = idea_in(participation, mentor)

    with time_machine.travel(participation.round.applications_close - timedelta(seconds=1)):
        idea_submit(idea=idea, by=mentor)

    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED


def test_one_second_after_the_deadline_it_is_refused_naming_it_in_the_persons_zone(
    participation, mentor
):
    idea = idea_in(participation, mentor)
    deadline = participation.round.applications_close

    with (
        time_machine.travel(deadline + timedelta(seconds=1)),
        pytest.raises(ValidationError) as refusal,
    ):
        idea_submit(idea=idea, by=mentor)

    # Mira's zone is Berlin: the deadline reads as the `when` filter shows it to her.
    in_berlin = deadline.astimezone(ZoneInfo("Europe/Berlin")).strftime("%a %d %b %Y, %H:%M %Z")
    assert f"was {in_berlin}" in refusal.value.messages[0]
    assert in_berlin.endswith(("CET", "CEST"))
    idea.refresh_from_db()
    assert (idea.status, idea.revision) == (Status.DRAFT, 0)
