import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from programs.rules import RuleSet, default_stipend_split, validate_stipend_split
from tests.factories import RuleSetFactory


def _message(value) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_stipend_split(value)
    return " ".join(caught.value.messages)


def test_the_default_stipend_split_is_valid():
    validate_stipend_split(default_stipend_split())


def test_a_split_of_one_payment_at_the_end_is_valid():
    validate_stipend_split([{"milestone": "final", "percent": 100}])


@pytest.mark.parametrize("value", [[], {}, "final 100", None])
def test_it_asks_for_at_least_one_milestone(value):
    assert _message(value) == "List at least one milestone with its percentage."


@pytest.mark.parametrize(
    "part",
    [{"milestone": "final"}, {"milestone": "final", "percent": 100, "note": "x"}, ["final", 100]],
)
def test_it_shows_the_shape_of_a_part_when_one_is_malformed(part):
    assert _message([part]) == 'Each part is {"milestone": ..., "percent": ...}.'


def test_it_names_an_unknown_milestone_and_lists_the_known_ones():
    message = _message([{"milestone": "halfway", "percent": 100}])
    assert message == "Unknown milestone 'halfway'; use one of start, midterm, final."


def test_it_names_a_milestone_listed_twice_by_its_label():
    value = [{"milestone": "final", "percent": 50}, {"milestone": "final", "percent": 50}]
    assert _message(value) == (
        "“Passed final evaluation” is listed twice: each milestone is paid once."
    )


@pytest.mark.parametrize("percent", [-10, 12.5, "45"])
def test_it_wants_whole_non_negative_percentages(percent):
    value = [{"milestone": "start", "percent": percent}, {"milestone": "final", "percent": 100}]
    assert _message(value) == "Each percentage is a whole number, zero or more."


def test_it_names_the_total_when_the_parts_do_not_add_up_to_100():
    value = [{"milestone": "midterm", "percent": 45}, {"milestone": "final", "percent": 45}]
    assert _message(value) == "The stipend parts add up to 90%, not 100%."


@pytest.mark.django_db
def test_a_copy_is_a_new_row_with_the_same_rules():
    original = RuleSetFactory(
        max_proposals_per_applicant=5,
        max_interns_per_mentor=1,
        students_only=True,
        stipend_split=[{"milestone": "final", "percent": 100}],
    )
    clone = original.copy()
    assert clone.pk != original.pk
    assert clone.max_proposals_per_applicant == 5
    assert clone.max_interns_per_mentor == 1
    assert clone.students_only is True
    assert clone.stipend_split == [{"milestone": "final", "percent": 100}]


@pytest.mark.django_db
def test_changing_a_copy_leaves_the_original_as_it_was():
    original = RuleSetFactory(max_proposals_per_applicant=5)
    clone = original.copy()
    clone.max_proposals_per_applicant = 2
    clone.stipend_split[0]["percent"] = 0
    clone.save()
    original.refresh_from_db()
    assert original.max_proposals_per_applicant == 5
    assert original.stipend_split == default_stipend_split()


@pytest.mark.django_db
def test_validation_refuses_more_accepted_than_submitted_proposals():
    rules = RuleSet(max_proposals_per_applicant=1, max_accepted_per_applicant=2)
    with pytest.raises(ValidationError) as caught:
        rules.full_clean()
    assert caught.value.messages == [
        "An applicant cannot have more proposals accepted than they may submit."
    ]


@pytest.mark.django_db
def test_the_database_refuses_more_accepted_than_submitted_proposals():
    with pytest.raises(IntegrityError):
        RuleSet.objects.create(max_proposals_per_applicant=1, max_accepted_per_applicant=2)


@pytest.mark.django_db
def test_as_many_accepted_as_submitted_proposals_is_allowed():
    RuleSet(max_proposals_per_applicant=2, max_accepted_per_applicant=2).full_clean()
