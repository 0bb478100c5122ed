"""The round timeline: which phase holds at each instant, and which dates are refused."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programs.models import Round
from programs.schedules import dates_from
from programs.timeline import MILESTONE_FIELDS, MILESTONES, Phase, a_year_later, out_of_order
from tests.factories import RoundFactory

OPENS = datetime(2027, 1, 11, 18, 0, tzinfo=UTC)
TICK = timedelta(microseconds=1)
DATES = dates_from(OPENS)

# Each milestone with the phase in force just before it (UPCOMING before the first).
BEFORE_AND_AT = [
    (m, before.starts if before else Phase.UPCOMING)
    for before, m in zip((None, *MILESTONES[:-1]), MILESTONES, strict=True)
]


@pytest.fixture
def gsoc_2027(db):
    return RoundFactory(**DATES)


@pytest.mark.parametrize(
    ("milestone", "previous"), BEFORE_AND_AT, ids=[m.field for m, _ in BEFORE_AND_AT]
)
def test_a_milestone_starts_its_phase_at_its_exact_instant(milestone, previous):
    at = DATES[milestone.field]
    assert Round(**DATES).phase_at(at) == milestone.starts
    assert Round(**DATES).phase_at(at - TICK) == previous


def test_the_phase_follows_the_clock(gsoc_2027):
    deadline = gsoc_2027.applications_close
    with time_machine.travel(deadline - TICK, tick=False):
        assert gsoc_2027.phase == Phase.APPLICATIONS
    with time_machine.travel(deadline, tick=False):
        assert gsoc_2027.phase == Phase.REVIEW


def test_it_is_upcoming_before_the_first_milestone(gsoc_2027):
    with time_machine.travel(OPENS - timedelta(days=300), tick=False):
        assert gsoc_2027.phase == Phase.UPCOMING
        assert gsoc_2027.next_milestone().milestone.field == "org_applications_open"


def test_it_is_finished_from_the_end_on(gsoc_2027):
    with time_machine.travel(gsoc_2027.ends, tick=False):
        assert gsoc_2027.phase == Phase.FINISHED
        assert gsoc_2027.next_milestone() is None
    with time_machine.travel(gsoc_2027.ends + timedelta(days=3650), tick=False):
        assert gsoc_2027.phase == Phase.FINISHED


def test_equal_consecutive_dates_skip_the_phase_between_them(db):
    dates = {**DATES, "midterm_close": DATES["midterm_open"]}
    round_ = RoundFactory(**dates)  # allowed: the dates only must not go backwards
    assert round_.phase_at(dates["midterm_open"] - TICK) == Phase.CODING
    assert round_.phase_at(dates["midterm_open"]) == Phase.CODING_SECOND_HALF
    phases = {round_.phase_at(DATES["coding_start"] + timedelta(hours=h)) for h in range(24 * 100)}
    assert Phase.MIDTERM not in phases


def test_milestones_mark_the_past_ones(gsoc_2027):
    now = gsoc_2027.applications_open
    marked = gsoc_2027.milestones(now)
    assert [d.milestone.field for d in marked] == [m.field for m in MILESTONES]
    assert [d.milestone.field for d in marked if d.is_past] == [
        "org_applications_open",
        "org_applications_close",
        "orgs_announced",
        "ideas_published",
        "applications_open",
    ]
    assert gsoc_2027.next_milestone(now).milestone.field == "applications_close"


def test_full_clean_rejects_dates_out_of_order_naming_both(gsoc_2027):
    gsoc_2027.applications_close = gsoc_2027.results_announced + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        gsoc_2027.full_clean()
    assert "“Application deadline” must not be after “Results announced”." in caught.value.messages


@pytest.mark.parametrize(("earlier", "later"), list(pairwise(MILESTONES)), ids=lambda m: m.field)
def test_full_clean_rejects_each_neighbouring_pair_out_of_order(gsoc_2027, earlier, later):
    setattr(gsoc_2027, earlier.field, getattr(gsoc_2027, later.field) + TICK)
    with pytest.raises(ValidationError) as caught:
        gsoc_2027.full_clean()
    assert f"“{earlier.label}” must not be after “{later.label}”." in caught.value.messages


def test_the_database_rejects_dates_out_of_order(gsoc_2027):
    late = gsoc_2027.results_announced + timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=gsoc_2027.pk).update(applications_close=late)
    gsoc_2027.refresh_from_db()
    assert gsoc_2027.applications_close == DATES["applications_close"]


def test_a_year_later_keeps_day_and_time_and_the_order_of_the_dates():
    dates = dates_from(datetime(2027, 2, 20, 18, 0, tzinfo=UTC))

    later = a_year_later(dates)

    for field in MILESTONE_FIELDS:
        assert later[field] == dates[field].replace(year=dates[field].year + 1)
    assert [later[f] for f in MILESTONE_FIELDS] == sorted(later.values())


def test_a_year_after_a_leap_day_is_the_28th_of_february():
    leap_day = datetime(2028, 2, 29, 18, 0, tzinfo=UTC)

    assert a_year_later({"ends": leap_day}) == {"ends": datetime(2029, 2, 28, 18, 0, tzinfo=UTC)}


def test_dates_in_order_have_no_problem():
    assert out_of_order(dict(DATES)) == {}


def test_a_date_in_two_broken_pairs_is_named_once_on_its_own_field():
    dates = {
        **DATES,
        "coding_start": datetime(2020, 1, 1, tzinfo=UTC),
        "midterm_open": datetime(2019, 1, 1, tzinfo=UTC),
    }
    # Two neighbouring pairs hold "Coding starts" (results/coding and coding/midterm): each
    # misplaced date gets one message, and "Coding starts" is named in one only.
    assert out_of_order(dates) == {
        "coding_start": "“Results announced” must not be after “Coding starts”.",
        "midterm_open": "“Results announced” must not be after “Midterm evaluations open”.",
    }


def test_a_date_typed_too_late_is_named_against_the_date_it_passes():
    dates = {**DATES, "orgs_announced": DATES["ends"] + timedelta(days=1)}
    assert out_of_order(dates) == {
        "orgs_announced": "“Accepted organizations announced” must not be after “Project "
        "ideas published”."
    }


def test_missing_dates_are_left_to_their_own_errors():
    dates = {**DATES, "coding_start": None, "midterm_open": DATES["ideas_published"] - TICK}
    assert out_of_order(dates) == {
        "midterm_open": "“Results announced” must not be after “Midterm evaluations open”."
    }
