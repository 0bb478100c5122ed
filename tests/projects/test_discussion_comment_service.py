import zoneinfo
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from programs.timeline import Phase
from projects.models import IdeaComment, ProjectIdea
from projects.services.discussion import BODY_MAX, comment_post
from tests.factories import ParticipationFactory, RoundFactory
from tests.projects.idea_rows import make_idea

pytestmark = pytest.mark.django_db

PUBLIC = IdeaComment.Visibility.PUBLIC
NOTE = IdeaComment.Visibility.ORGANIZATION


def test_it_records_the_comment_with_what_the_reminders_need(participation, applicant):
    idea = make_idea(participation)

    comment = comment_post(idea=idea, author=applicant, body="  Is C99 fine?  ", visibility=PUBLIC)

    comment.refresh_from_db()
    assert (comment.idea, comment.author, comment.visibility) == (idea, applicant, PUBLIC)
    assert comment.body == "Is C99 fine?"
    assert comment.created_at is not None


def test_it_refuses_an_empty_body(participation, applicant):
    with pytest.raises(ValidationError, match="Write something"):
        comment_post(idea=make_idea(participation), author=applicant, body=" \n", visibility=PUBLIC)


def test_it_refuses_an_overlong_body(participation, applicant):
    with pytest.raises(ValidationError, match="at most"):
        comment_post(
            idea=make_idea(participation),
            author=applicant,
            body="x" * (BODY_MAX + 1),
            visibility=PUBLIC,
        )


def test_it_refuses_an_unknown_thread(participation, applicant):
    with pytest.raises(ValidationError, match="Unknown thread"):
        comment_post(idea=make_idea(participation), author=applicant, body="Hi", visibility="x")


def test_a_question_before_the_ideas_date_is_refused_naming_the_date_in_the_authors_zone(
    program, applicant
):
    round_ = RoundFactory(program=program, phase=Phase.IDEA_PROPOSALS)
    idea = make_idea(ParticipationFactory(round=round_))
    local = round_.ideas_published.astimezone(zoneinfo.ZoneInfo("Asia/Kolkata"))

    with pytest.raises(ValidationError) as refused:
        comment_post(idea=idea, author=applicant, body="Early?", visibility=PUBLIC)

    assert local.strftime("%d %b %Y, %H:%M IST") in refused.value.messages[0]
    assert not IdeaComment.objects.exists()


def test_the_public_thread_opens_at_the_ideas_date_instant(program, applicant):
    round_ = RoundFactory(program=program, phase=Phase.IDEA_PROPOSALS)
    idea = make_idea(ParticipationFactory(round=round_))

    with (
        time_machine.travel(round_.ideas_published - timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError),
    ):
        comment_post(idea=idea, author=applicant, body="Now?", visibility=PUBLIC)
    with time_machine.travel(round_.ideas_published, tick=False):
        comment_post(idea=idea, author=applicant, body="Now!", visibility=PUBLIC)

    assert IdeaComment.objects.get().body == "Now!"


def test_a_question_on_a_draft_is_refused(participation, applicant):
    idea = make_idea(participation, status=ProjectIdea.Status.DRAFT)

    with pytest.raises(ValidationError, match="once the idea is approved and published"):
        comment_post(idea=idea, author=applicant, body="Hello?", visibility=PUBLIC)


def test_a_note_may_be_written_on_a_draft(participation, mentor):
    idea = make_idea(participation, status=ProjectIdea.Status.DRAFT, mentors=(mentor,))

    comment = comment_post(idea=idea, author=mentor, body="Needs a second mentor.", visibility=NOTE)

    assert comment.visibility == NOTE


@pytest.mark.parametrize("who", ["applicant", "outsider"])
def test_a_note_by_someone_outside_the_organization_is_refused(participation, request, who):
    idea = make_idea(participation)

    with pytest.raises(ValidationError, match="Only the organization's mentors and admins"):
        comment_post(idea=idea, author=request.getfixturevalue(who), body="Hi", visibility=NOTE)

    assert not IdeaComment.objects.exists()
