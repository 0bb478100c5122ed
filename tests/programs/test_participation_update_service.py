from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from programs.models import Participation, Round
from programs.schedules import dates_in_phase
from programs.services.participations import participation_update_answers
from programs.timeline import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(participation):
    Round.objects.filter(pk=participation.round_id).update(
        **dates_in_phase(Phase.ORG_APPLICATIONS, timezone.now())
    )
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.DRAFT)
    return Participation.objects.select_related("round", "organization").get(pk=participation.pk)


def test_it_saves_new_answers_of_a_draft(draft, org_admin):
    participation_update_answers(
        participation=draft, by=org_admin, answers={"mentoring_plan": "Weekly video calls."}
    )

    draft.refresh_from_db()
    assert draft.mentoring_plan == "Weekly video calls."
    assert draft.motivation == "We want new contributors."


def test_it_saves_new_answers_of_a_submitted_participation(draft, org_admin):
    Participation.objects.filter(pk=draft.pk).update(status=Participation.Status.APPLIED)

    participation_update_answers(participation=draft, by=org_admin, answers={"slots_max": 5})

    draft.refresh_from_db()
    assert draft.slots_max == 5


@pytest.mark.parametrize("status", [Participation.Status.ACCEPTED, Participation.Status.WITHDRAWN])
def test_it_refuses_once_the_participation_is_decided_or_withdrawn(draft, org_admin, status):
    Participation.objects.filter(pk=draft.pk).update(status=status)

    with pytest.raises(ValidationError, match="can no longer be changed"):
        participation_update_answers(participation=draft, by=org_admin, answers={"slots_max": 5})


def test_it_refuses_one_second_after_the_deadline(draft, org_admin):
    with (
        time_machine.travel(draft.round.org_applications_close + timedelta(seconds=1)),
        pytest.raises(ValidationError, match="deadline was"),
    ):
        participation_update_answers(participation=draft, by=org_admin, answers={"slots_max": 5})

    draft.refresh_from_db()
    assert draft.slots_max == 4


def test_it_refuses_a_minimum_above_the_maximum_with_a_clear_message(draft, org_admin):
    with pytest.raises(ValidationError, match="minimum slots cannot be above the maximum"):
        participation_update_answers(
            participation=draft, by=org_admin, answers={"slots_min": 5, "slots_max": 2}
        )
