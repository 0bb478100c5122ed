from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from programs.models import Participation
from projects.models import IdeaEvent, ProjectIdea
from projects.services.custom import custom_idea_propose
from tests.projects.idea_rows import make_idea

pytestmark = pytest.mark.django_db


def propose(participation, by, title="Fuzz the QMP parser", **kwargs):
    return custom_idea_propose(
        participation=participation,
        by=by,
        title=title,
        summary="Find crashes before users do.",
        description="Use *libFuzzer*.",
        **kwargs,
    )


def test_it_creates_a_proposal_without_mentors_and_records_it(participation, applicant):
    idea = propose(participation, applicant)

    idea.refresh_from_db()
    assert idea.status == ProjectIdea.Status.PROPOSED
    assert idea.proposed_by == applicant
    assert idea.created_by == applicant
    assert idea.slug == "fuzz-the-qmp-parser"
    assert not idea.mentors.exists()
    event = IdeaEvent.objects.get(idea=idea)
    assert (event.actor, event.from_status, event.to_status) == (applicant, "", "proposed")


def test_a_taken_slug_gets_a_number(participation, applicant):
    make_idea(participation, "Fuzz the QMP parser")

    assert propose(participation, applicant).slug == "fuzz-the-qmp-parser-2"
    assert propose(participation, applicant).slug == "fuzz-the-qmp-parser-3"


def test_a_word_of_the_pages_is_never_a_slug(participation, applicant):
    assert propose(participation, applicant, title="Propose").slug == "propose-2"
    assert propose(participation, applicant, title="New").slug == "new-2"


def test_a_title_without_latin_letters_gets_a_plain_slug(participation, applicant):
    assert propose(participation, applicant, title="模糊测试").slug == "idea"


def test_it_accepts_at_the_instant_the_application_period_opens(participation, applicant):
    with time_machine.travel(participation.round.applications_open, tick=False):
        assert propose(participation, applicant).pk


def test_it_refuses_before_the_application_period_naming_the_opening(participation, applicant):
    opening = participation.round.applications_open
    with (
        time_machine.travel(opening - timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError, match="opens on"),
    ):
        propose(participation, applicant)


def test_it_accepts_one_second_before_the_deadline(participation, applicant):
    deadline = participation.round.applications_close
    with time_machine.travel(deadline - timedelta(seconds=1), tick=False):
        assert propose(participation, applicant).pk


@pytest.mark.parametrize("after", [timedelta(0), timedelta(seconds=1)])
def test_it_refuses_at_and_after_the_deadline_naming_it(participation, applicant, after):
    deadline = participation.round.applications_close
    with (
        time_machine.travel(deadline + after, tick=False),
        pytest.raises(ValidationError, match="application period ended on") as refused,
    ):
        propose(participation, applicant)

    assert "IST" in refused.value.messages[0]  # in the applicant's own zone (Asia/Kolkata)
    assert not ProjectIdea.objects.exists()


def test_it_refuses_an_organization_not_accepted(participation, applicant):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.APPLIED)
    participation.refresh_from_db()

    with pytest.raises(ValidationError, match="not taking part"):
        propose(participation, applicant)
