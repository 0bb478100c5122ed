from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from programs.models import Participation, Round, RuleSet
from programs.schedules import dates_from
from programs.services.rounds import round_open, round_update
from programs.timeline import Phase
from tests.factories import ParticipationFactory, RoundFactory

pytestmark = pytest.mark.django_db

FIRST_DAY = datetime(2027, 2, 1, tzinfo=UTC)


def _open(program, by, **overrides):
    kwargs = {
        "program": program,
        "by": by,
        "name": "Google Summer of Code 2027",
        "slug": "gsoc-2027",
        "total_slots": 30,
        "dates": dates_from(FIRST_DAY),
    }
    return round_open(**{**kwargs, **overrides})


def test_it_opens_a_round_with_its_timeline(program, program_admin):
    round_ = _open(program, program_admin)
    round_.refresh_from_db()
    assert round_.program == program
    assert round_.total_slots == 30
    assert round_.dates == dates_from(FIRST_DAY)


def test_it_gives_the_round_its_own_copy_of_the_program_rules(program, program_admin):
    program.default_rules.max_proposals_per_applicant = 5
    program.default_rules.save()
    round_ = _open(program, program_admin)
    assert round_.rules.pk != program.default_rules.pk
    assert round_.rules.max_proposals_per_applicant == 5


def test_later_edits_of_the_program_rules_never_rewrite_the_round(program, program_admin):
    round_ = _open(program, program_admin)
    program.default_rules.max_proposals_per_applicant = 1
    program.default_rules.max_accepted_per_applicant = 1
    program.default_rules.save()
    round_.rules.refresh_from_db()
    assert round_.rules.max_proposals_per_applicant == 3


def test_it_rejects_dates_out_of_order_naming_both_dates(program, program_admin):
    dates = dates_from(FIRST_DAY)
    dates["midterm_close"] = dates["midterm_open"] - timedelta(hours=1)
    with pytest.raises(ValidationError) as caught:
        _open(program, program_admin, dates=dates)
    assert caught.value.messages == [
        "“Midterm evaluations open” must not be after “Midterm evaluation deadline”."
    ]


def test_a_refused_round_leaves_no_round_and_no_copied_rules(program, program_admin):
    dates = dates_from(FIRST_DAY)
    dates["ends"] = dates["org_applications_open"]
    rules_before = RuleSet.objects.count()
    with pytest.raises(ValidationError):
        _open(program, program_admin, dates=dates)
    assert not Round.objects.exists()
    assert RuleSet.objects.count() == rules_before


def test_it_rejects_a_slug_already_taken(program, program_admin, round_):
    with pytest.raises(ValidationError) as caught:
        _open(program, program_admin, slug=round_.slug)
    assert "slug" in caught.value.message_dict


def test_a_missing_milestone_is_a_programming_error(program, program_admin):
    dates = dates_from(FIRST_DAY)
    del dates["ends"]
    with pytest.raises(ValueError, match="missing \\['ends'\\]"):
        _open(program, program_admin, dates=dates)


def _update(round_, by, **overrides):
    kwargs = {
        "round_": round_,
        "by": by,
        "name": round_.name,
        "total_slots": round_.total_slots,
        "dates": round_.dates,
    }
    return round_update(**{**kwargs, **overrides})


def test_it_changes_name_slots_and_dates(round_, program_admin):
    later = {field: moment + timedelta(days=7) for field, moment in round_.dates.items()}
    _update(round_, program_admin, name="GSoC 2027", total_slots=44, dates=later)
    round_.refresh_from_db()
    assert (round_.name, round_.total_slots, round_.dates) == ("GSoC 2027", 44, later)


def test_it_changes_the_rounds_own_rules_only(round_, program_admin):
    _update(
        round_,
        program_admin,
        rules={
            "max_interns_per_mentor": 1,
            "stipend_split": [{"milestone": "final", "percent": 100}],
        },
    )
    round_.rules.refresh_from_db()
    round_.program.default_rules.refresh_from_db()
    assert round_.rules.max_interns_per_mentor == 1
    assert round_.rules.stipend_split == [{"milestone": "final", "percent": 100}]
    assert round_.program.default_rules.max_interns_per_mentor == 2


def test_it_refuses_rules_that_accept_more_than_may_be_submitted(round_, program_admin):
    with pytest.raises(ValidationError) as caught:
        _update(
            round_,
            program_admin,
            name="Renamed",
            rules={"max_proposals_per_applicant": 1, "max_accepted_per_applicant": 2},
        )
    assert "An applicant cannot have more proposals accepted" in caught.value.messages[0]
    round_.refresh_from_db()
    assert round_.name != "Renamed"


def test_it_rejects_dates_out_of_order_on_edit(round_, program_admin):
    dates = round_.dates
    dates["coding_start"] = dates["results_announced"] - timedelta(seconds=1)
    with pytest.raises(ValidationError) as caught:
        _update(round_, program_admin, dates=dates)
    assert caught.value.messages == ["“Results announced” must not be after “Coding starts”."]


def test_it_refuses_a_total_below_the_slots_already_granted(round_, program_admin):
    ParticipationFactory(round=round_, slots_max=5, slots_granted=5)
    ParticipationFactory(round=round_, slots_max=4, slots_granted=4)
    with pytest.raises(ValidationError) as caught:
        _update(round_, program_admin, total_slots=8)
    assert caught.value.message_dict["total_slots"] == [
        "9 slots are already granted to organizations in this round; the total cannot go "
        "below 9 (you entered 8)."
    ]


def test_slots_of_a_withdrawn_organization_do_not_hold_the_total_up(round_, program_admin):
    ParticipationFactory(round=round_, slots_max=5, slots_granted=5)
    ParticipationFactory(
        round=round_, slots_max=4, slots_granted=4, status=Participation.Status.WITHDRAWN
    )
    _update(round_, program_admin, total_slots=5)
    round_.refresh_from_db()
    assert round_.total_slots == 5


def test_leaving_the_rules_out_leaves_them_unchanged(round_, program_admin):
    RuleSet.objects.filter(pk=round_.rules_id).update(max_interns_per_mentor=4)
    _update(round_, program_admin, total_slots=3)
    round_.rules.refresh_from_db()
    assert round_.rules.max_interns_per_mentor == 4


def test_each_date_out_of_order_is_refused_once_on_its_own_field(round_, program_admin):
    dates = {
        **round_.dates,
        "coding_start": round_.results_announced - timedelta(days=30),
        "midterm_open": round_.results_announced - timedelta(days=40),
    }
    with pytest.raises(ValidationError) as caught:
        _update(round_, program_admin, dates=dates)

    assert caught.value.message_dict == {
        "coding_start": ["“Results announced” must not be after “Coding starts”."],
        "midterm_open": ["“Results announced” must not be after “Midterm evaluations open”."],
    }


def test_once_coding_started_the_rules_internships_are_judged_by_do_not_change(
    program, program_admin
):
    coding = RoundFactory(program=program, phase=Phase.CODING, slug="coding-round")
    before = coding.rules.missing_intern_evaluation

    with pytest.raises(ValidationError) as refused:
        _update(
            coding,
            program_admin,
            rules={
                "missing_intern_evaluation": "fails",
                "stipend_split": [{"milestone": "final", "percent": 100}],
                "max_interns_per_mentor": 1,
            },
        )

    assert set(refused.value.error_dict) == {"missing_intern_evaluation", "stipend_split"}
    assert "Coding has started" in str(refused.value)
    coding.rules.refresh_from_db()
    assert coding.rules.missing_intern_evaluation == before


def test_once_coding_started_other_rules_and_unchanged_values_still_save(program, program_admin):
    coding = RoundFactory(program=program, phase=Phase.CODING, slug="coding-round")

    _update(
        coding,
        program_admin,
        rules={
            "missing_intern_evaluation": coding.rules.missing_intern_evaluation,
            "max_interns_per_mentor": 1,
        },
    )

    coding.rules.refresh_from_db()
    assert coding.rules.max_interns_per_mentor == 1
