"""The review's rules, whatever page calls: who may review, the window to the second, the
weighted score, flags, setting aside (out of the ranking, renumbered, undone)."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from selection.models import Candidacy, Review
from selection.services import ranking
from selection.services.commitments import commit
from selection.services.reviews import interview_flag, review_save, set_aside, weighted_score
from tests.factories import CriterionFactory
from tests.selection.review_world import in_review, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(participation):
    in_review(participation.round)
    return submitted(participation)


def test_a_mentor_scores_a_proposal_once_and_changes_it(proposal, mentor):
    review_save(proposal=proposal, by=mentor, score=4, comment="Clear plan.")
    review_save(proposal=proposal, by=mentor, score=2, comment="On second thought.")

    (review,) = Review.objects.all()
    assert review.score == 2
    assert review.comment == "On second thought."
    assert Candidacy.objects.filter(proposal=proposal).exists()


def test_the_score_is_the_weighted_mean_of_the_marks_rounded_to_two_decimals(
    participation, proposal, mentor
):
    clarity = CriterionFactory(participation=participation, weight=2)
    schedule = CriterionFactory(participation=participation, weight=1)

    review = review_save(
        proposal=proposal, by=mentor, marks={clarity.pk: 5, schedule.pk: 2}, comment=""
    )

    assert review.score == Decimal("4.00")
    assert sorted(review.marks.values_list("score", flat=True)) == [2, 5]
    assert weighted_score([(5, 1), (4, 1), (4, 1)]) == Decimal("4.33")


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 10)), min_size=1, max_size=8))
def test_a_weighted_score_stays_between_the_lowest_and_highest_mark(marks):
    score = weighted_score(marks)
    assert min(m for m, _ in marks) <= score <= max(m for m, _ in marks)


def test_with_criteria_every_criterion_needs_a_mark(participation, proposal, mentor):
    clarity = CriterionFactory(participation=participation, name="Clarity")
    CriterionFactory(participation=participation, name="Schedule")

    with pytest.raises(ValidationError, match="Schedule"):
        review_save(proposal=proposal, by=mentor, marks={clarity.pk: 5}, comment="")


def test_a_score_outside_one_to_five_is_refused(proposal, mentor):
    with pytest.raises(ValidationError, match="from 1 to 5"):
        review_save(proposal=proposal, by=mentor, score=6, comment="")


@pytest.mark.parametrize("person", ["program_admin", "outsider", "applicant"])
def test_only_the_organizations_mentors_and_admins_review(request, proposal, person):
    with pytest.raises(ValidationError, match="mentors and admins"):
        review_save(proposal=proposal, by=request.getfixturevalue(person), score=3, comment="")


def test_review_opens_at_the_application_deadline_to_the_second(participation, mentor):
    proposal = submitted(participation)  # the round is still in its application period
    deadline = participation.round.applications_close

    with (
        time_machine.travel(deadline - timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError, match="Review opens at the application deadline"),
    ):
        review_save(proposal=proposal, by=mentor, score=3, comment="")
    with time_machine.travel(deadline, tick=False):
        review_save(proposal=proposal, by=mentor, score=3, comment="")


def test_after_the_results_time_the_review_is_read_only(proposal, mentor):
    results = proposal.application.round.results_announced

    with (
        time_machine.travel(results, tick=False),
        pytest.raises(ValidationError, match=r"read-only now"),
    ):
        review_save(proposal=proposal, by=mentor, score=3, comment="")


def test_the_refusal_names_the_moment_in_the_persons_own_zone(participation, mentor):
    proposal = submitted(participation)

    with pytest.raises(ValidationError, match=r"CES?T"):  # Mira is in Europe/Berlin
        review_save(proposal=proposal, by=mentor, score=3, comment="")


def test_a_withdrawn_proposal_is_no_longer_reviewed(proposal, mentor):
    proposal.status = "withdrawn"
    proposal.withdrawn_at = proposal.submitted_at
    proposal.save()

    with pytest.raises(ValidationError, match="withdrawn"):
        review_save(proposal=proposal, by=mentor, score=3, comment="")


def test_a_mentor_flags_for_an_interview_and_takes_it_back(proposal, mentor):
    interview_flag(proposal=proposal, by=mentor, flagged=True)
    assert Candidacy.objects.get(proposal=proposal).interview_flagged_by == mentor

    interview_flag(proposal=proposal, by=mentor, flagged=False)
    assert Candidacy.objects.get(proposal=proposal).interview_flagged_at is None


def test_setting_aside_takes_it_out_of_the_ranking_and_the_others_move_up(
    participation, mentor, org_admin
):
    in_review(participation.round)
    first, second, third = (submitted(participation) for _ in range(3))
    for proposal in (first, second, third):
        commit(proposal=proposal, by=mentor)
        ranking.rank_add(proposal=proposal, by=org_admin)

    done = set_aside(proposal=first, by=mentor, reason="spam")

    assert done.unranked
    ranks = dict(Candidacy.objects.values_list("proposal_id", "rank"))
    assert ranks == {first.pk: None, second.pk: 1, third.pk: 2}
    assert Candidacy.objects.get(proposal=first).set_aside == "spam"
    # Nothing deleted; undone, it is back in the running, unranked.
    set_aside(proposal=first, by=mentor, reason="")
    back = Candidacy.objects.get(proposal=first)
    assert (back.set_aside, back.set_aside_at, back.rank) == ("", None, None)


def test_a_selected_proposal_cannot_be_set_aside(participation, proposal, mentor, org_admin):
    commit(proposal=proposal, by=mentor)
    ranking.rank_add(proposal=proposal, by=org_admin)
    Candidacy.objects.filter(proposal=proposal).update(selected_at=proposal.submitted_at)

    with pytest.raises(ValidationError, match="withdraw the selection"):
        set_aside(proposal=proposal, by=mentor, reason="not_serious")
