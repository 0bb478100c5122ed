"""The demo intern's weekly meetings: once coding is under way, the weeks over have logs
(the last one waiting for the mentor), except the latest, which shows as missing."""

from datetime import UTC, datetime

import pytest

from evaluations.models import WeeklyMeeting
from programs.demo import build_demo, run_extensions
from programs.timeline import Phase

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


def test_in_the_second_half_of_coding_the_intern_has_logs_and_one_week_missing():
    world = build_demo(Phase.CODING_SECOND_HALF, NOW)
    run_extensions(world)

    intern = world.accounts["intern"]
    internship = intern.internships.get()
    logged = list(WeeklyMeeting.objects.filter(internship=internship).order_by("week"))
    ended = internship.weeks_ended_by(NOW)
    assert [m.week for m in logged] == list(range(1, ended))
    assert [m.is_confirmed for m in logged][-1] is False
    assert all(m.is_confirmed for m in logged[:-1])
    assert world.accounts["mentor"] in internship.mentors.all()


def test_before_coding_there_are_no_meetings():
    world = build_demo(Phase.COMMUNITY_BONDING, NOW)
    run_extensions(world)

    assert not WeeklyMeeting.objects.exists()
