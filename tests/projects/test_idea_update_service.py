from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from projects.models import IdeaEvent, IdeaMentor, ProjectIdea
from projects.services.ideas import MentorChoice, idea_update
from tests.factories import MembershipFactory
from tests.projects.authoring import content, idea_in

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status


def test_it_changes_the_text_and_keeps_the_slug(participation, mentor):
    idea = idea_in(participation, mentor, title="Old title")

    idea_update(idea=idea, by=mentor, content=content(mentor, title="A better title"))

    idea.refresh_from_db()
    assert (idea.title, idea.slug) == ("A better title", "old-title")
    assert idea.status == Status.DRAFT


def test_editing_an_idea_waiting_for_review_keeps_its_state_and_revision(participation, mentor):
    idea = idea_in(participation, mentor, status=Status.SUBMITTED, revision=2)

    idea_update(idea=idea, by=mentor, content=content(mentor))

    idea.refresh_from_db()
    assert (idea.status, idea.revision) == (Status.SUBMITTED, 2)
    assert not IdeaEvent.objects.exists()


def test_editing_an_approved_idea_sends_it_back_for_review_as_a_new_revision(participation, mentor):
    idea = idea_in(participation, mentor, status=Status.APPROVED, revision=1)

    idea_update(idea=idea, by=mentor, content=content(mentor, summary="Something else."))

    idea.refresh_from_db()
    assert (idea.status, idea.revision, idea.approved_at) == (Status.SUBMITTED, 2, None)
    assert idea.submitted_at is not None
    event = IdeaEvent.objects.get()
    assert (event.from_status, event.to_status, event.actor) == (
        Status.APPROVED,
        Status.SUBMITTED,
        mentor,
    )
    assert "reviewed again" in event.comment


def test_saving_an_approved_idea_unchanged_keeps_it_approved(participation, mentor):
    idea = idea_in(participation, mentor, status=Status.APPROVED)
    unchanged = content(mentor)
    idea_update(idea=idea, by=mentor, content=unchanged)  # the first save sets the content
    ProjectIdea.objects.filter(pk=idea.pk).update(status=Status.APPROVED, revision=1)
    idea.refresh_from_db()

    idea_update(idea=idea, by=mentor, content=unchanged)

    idea.refresh_from_db()
    assert (idea.status, idea.revision) == (Status.APPROVED, 1)


def test_changing_an_approved_idea_after_the_application_deadline_is_refused(participation, mentor):
    idea = idea_in(participation, mentor, status=Status.APPROVED)
    deadline = participation.round.applications_close

    with (
        time_machine.travel(deadline + timedelta(seconds=1)),
        pytest.raises(ValidationError) as refusal,
    ):
        idea_update(idea=idea, by=mentor, content=content(mentor, summary="Later."))

    in_berlin = deadline.astimezone(ZoneInfo("Europe/Berlin")).strftime("%a %d %b %Y, %H:%M %Z")
    assert in_berlin in refusal.value.messages[0]
    idea.refresh_from_db()
    assert idea.status == Status.APPROVED


@pytest.mark.parametrize("status", [Status.REJECTED, Status.WITHDRAWN, Status.PROPOSED])
def test_closed_ideas_cannot_be_edited(participation, mentor, status):
    idea = idea_in(participation, mentor, status=status)

    with pytest.raises(ValidationError, match="can no longer be edited"):
        idea_update(idea=idea, by=mentor, content=content(mentor, title="New"))


def test_a_mentor_of_the_organization_who_does_not_mentor_the_idea_cannot_edit_it(
    participation, mentor, org_admin
):
    idea = idea_in(participation, org_admin)

    with pytest.raises(ValidationError, match="Only the idea's mentors"):
        idea_update(idea=idea, by=mentor, content=content(mentor))


def test_an_org_admin_edits_any_idea_of_the_organization(participation, mentor, org_admin):
    idea = idea_in(participation, mentor)

    idea_update(idea=idea, by=org_admin, content=content(mentor, title="Tidied"))

    idea.refresh_from_db()
    assert idea.title == "Tidied"


def test_co_mentors_are_replaced_and_names_from_an_imported_page_kept(
    participation, mentor, org_admin
):
    second = MembershipFactory(participation=participation).user
    idea = idea_in(participation, mentor, second)
    IdeaMentor.objects.create(idea=idea, name="Alberto Garcia (berto on IRC)", position=2)
    mentors = (MentorChoice(user=org_admin), MentorChoice(user=mentor))

    idea_update(idea=idea, by=mentor, content=content(mentors=mentors))

    rows = [(row.user, row.name, row.position) for row in idea.mentors.all()]
    assert rows == [
        (org_admin, "", 0),
        (mentor, "", 1),
        (None, "Alberto Garcia (berto on IRC)", 2),
    ]


def test_tags_follow_the_edit(participation, mentor):
    idea = idea_in(participation, mentor)
    idea_update(idea=idea, by=mentor, content=content(mentor, languages=("C", "Rust")))

    idea_update(idea=idea, by=mentor, content=content(mentor, languages=("Rust",)))

    assert [tag.slug for tag in idea.tags.all()] == ["rust"]
