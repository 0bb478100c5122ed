from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from programs.models import Participation, Round
from programs.schedules import dates_from
from programs.services.participations import participation_submit

pytestmark = pytest.mark.django_db

# Organization applications close on Monday 15 March 2027, 18:00 UTC (14:00 in New York).
DATES = dates_from(datetime(2027, 3, 1, tzinfo=UTC))
DEADLINE = DATES["org_applications_close"]


@pytest.fixture
def draft(participation):
    Round.objects.filter(pk=participation.round_id).update(**DATES)
    Participation.objects.filter(pk=participation.pk).update(
        status=Participation.Status.DRAFT, submitted_at=None
    )
    return Participation.objects.select_related("round", "organization").get(pk=participation.pk)


def test_it_submits_a_draft_and_records_when(draft, org_admin):
    moment = DEADLINE - timedelta(days=2)
    with time_machine.travel(moment, tick=False):
        participation_submit(participation=draft, by=org_admin)

    draft.refresh_from_db()
    assert draft.status == Participation.Status.APPLIED
    assert draft.submitted_at == moment


def test_it_submits_one_second_before_the_deadline(draft, org_admin):
    with time_machine.travel(DEADLINE - timedelta(seconds=1), tick=False):
        participation_submit(participation=draft, by=org_admin)

    draft.refresh_from_db()
    assert draft.status == Participation.Status.APPLIED


def test_it_refuses_one_second_after_the_deadline_naming_it_in_the_persons_zone(draft, org_admin):
    org_admin.timezone = "America/New_York"
    org_admin.save()

    with (
        time_machine.travel(DEADLINE + timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError) as refusal,
    ):
        participation_submit(participation=draft, by=org_admin)

    assert "Mon 15 Mar 2027, 14:00 EDT" in refusal.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == Participation.Status.DRAFT
    assert draft.submitted_at is None


def test_a_second_submit_is_refused_and_keeps_the_first_time(draft, org_admin):
    first = DEADLINE - timedelta(days=3)
    with time_machine.travel(first, tick=False):
        participation_submit(participation=draft, by=org_admin)
    stale = Participation.objects.select_related("round").get(pk=draft.pk)

    with (
        time_machine.travel(first + timedelta(hours=1), tick=False),
        pytest.raises(ValidationError, match="already applied"),
    ):
        participation_submit(participation=stale, by=org_admin)

    draft.refresh_from_db()
    assert draft.submitted_at == first
