"""The ranking's rules: only a proposal a mentor committed to joins, at the end; moves swap
neighbours under the unique place rule; taking one out (or its last mentor leaving) closes
the gap; a mentor is refused a selected proposal over the round's limit."""

import pytest
from django.core.exceptions import ValidationError

from selection.models import Candidacy, MentorCommitment
from selection.services import ranking
from selection.services.commitments import commit, uncommit
from selection.services.reviews import set_aside
from tests.factories import MembershipFactory, UserFactory
from tests.selection.review_world import in_review, submitted

pytestmark = pytest.mark.django_db


def ranks():
    return list(Candidacy.objects.ranked().values_list("proposal__title", flat=True))


@pytest.fixture
def three(participation, mentor, org_admin):
    in_review(participation.round)
    proposals = [submitted(participation, title=title) for title in ("A", "B", "C")]
    for proposal in proposals:
        commit(proposal=proposal, by=mentor)
        ranking.rank_add(proposal=proposal, by=org_admin)
    return proposals


def test_proposals_join_at_the_end_in_the_order_added(three):
    assert ranks() == ["A", "B", "C"]
    assert list(Candidacy.objects.ranked().values_list("rank", flat=True)) == [1, 2, 3]


def test_a_proposal_without_a_committed_mentor_cannot_be_ranked(participation, org_admin):
    in_review(participation.round)
    proposal = submitted(participation)

    with pytest.raises(ValidationError, match="at least one mentor"):
        ranking.rank_add(proposal=proposal, by=org_admin)


def test_moving_up_and_down_swaps_neighbours(three, org_admin):
    a, b, c = three
    ranking.rank_move(proposal=c, by=org_admin, direction="up")
    assert ranks() == ["A", "C", "B"]
    ranking.rank_move(proposal=a, by=org_admin, direction="down")
    assert ranks() == ["C", "A", "B"]
    with pytest.raises(ValidationError, match="already first"):
        ranking.rank_move(proposal=c, by=org_admin, direction="up")
    with pytest.raises(ValidationError, match="already last"):
        ranking.rank_move(proposal=b, by=org_admin, direction="down")


def test_removing_closes_the_gap(three, org_admin):
    ranking.rank_remove(proposal=three[0], by=org_admin)

    assert ranks() == ["B", "C"]
    assert list(Candidacy.objects.ranked().values_list("rank", flat=True)) == [1, 2]


def test_mentors_read_the_ranking_but_do_not_change_it(three, mentor):
    with pytest.raises(ValidationError, match="Only the organization's admins"):
        ranking.rank_move(proposal=three[1], by=mentor, direction="up")


def test_a_set_aside_proposal_cannot_be_ranked_until_put_back(three, mentor, org_admin):
    set_aside(proposal=three[1], by=mentor, reason="spam")
    with pytest.raises(ValidationError, match="set aside"):
        ranking.rank_add(proposal=three[1], by=org_admin)

    set_aside(proposal=three[1], by=mentor, reason="")
    ranking.rank_add(proposal=three[1], by=org_admin)
    assert ranks() == ["A", "C", "B"]


def test_the_last_mentor_leaving_unranks_the_proposal_and_says_so(three, mentor):
    done = uncommit(proposal=three[0], by=mentor)

    assert done.unranked
    assert ranks() == ["B", "C"]


def test_a_mentor_leaving_while_another_stays_keeps_the_rank(participation, three, mentor):
    other = UserFactory()
    MembershipFactory(participation=participation, user=other)
    commit(proposal=three[0], by=other)

    assert not uncommit(proposal=three[0], by=mentor).unranked
    assert ranks() == ["A", "B", "C"]


def test_committing_twice_is_refused(three, mentor):
    with pytest.raises(ValidationError, match="already said"):
        commit(proposal=three[0], by=mentor)


def test_a_mentor_is_refused_a_selected_proposal_over_the_rounds_limit(
    participation, three, mentor
):
    rules = participation.round.rules
    rules.max_interns_per_mentor = 1
    rules.save()
    other = UserFactory()
    MembershipFactory(participation=participation, user=other)
    a, b, _ = three
    MentorCommitment.objects.filter(proposal=b, mentor=mentor).delete()
    commit(proposal=b, by=other)
    Candidacy.objects.filter(proposal__in=[a, b]).update(selected_at=a.submitted_at)

    with pytest.raises(ValidationError, match="at most 1 interns per mentor"):
        commit(proposal=b, by=mentor)


def test_a_mentor_may_commit_to_unselected_proposals_beyond_the_limit(
    participation, mentor, org_admin
):
    """The limit counts at selection (choosing); saying "I will mentor this" is free."""
    in_review(participation.round)
    rules = participation.round.rules
    rules.max_interns_per_mentor = 1
    rules.save()
    for _ in range(3):
        commit(proposal=submitted(participation), by=mentor)

    assert MentorCommitment.objects.filter(mentor=mentor).count() == 3


def test_the_only_mentor_of_a_selected_proposal_cannot_leave_it(three, mentor):
    Candidacy.objects.filter(proposal=three[0]).update(selected_at=three[0].submitted_at)

    with pytest.raises(ValidationError, match="only mentor"):
        uncommit(proposal=three[0], by=mentor)


def test_a_proposal_dragged_to_a_place_moves_the_ones_between(participation, mentor, org_admin):
    in_review(participation.round)
    proposals = [submitted(participation, title=t) for t in "ABCDE"]
    for proposal in proposals:
        commit(proposal=proposal, by=mentor)
        ranking.rank_add(proposal=proposal, by=org_admin)

    ranking.rank_place(proposal=proposals[3], by=org_admin, place=1)
    assert ranks() == ["D", "A", "B", "C", "E"]
    ranking.rank_place(proposal=proposals[3], by=org_admin, place=5)
    assert ranks() == ["A", "B", "C", "E", "D"]
    assert list(Candidacy.objects.ranked().values_list("rank", flat=True)) == [1, 2, 3, 4, 5]
    with pytest.raises(ValidationError, match="from 1 to 5"):
        ranking.rank_place(proposal=proposals[0], by=org_admin, place=6)
