"""What an applicant may know of their selection and when (`results_visible`,
`applicant_results`, `proposal_result`), and the rule that fixes the results once announced:
after the results time only a program admin changes a selection, with a reason, recorded
(`require_change_allowed`)."""

import pytest
from django.core.exceptions import ValidationError

from applications.models import Proposal
from selection.models import Candidacy, Conflict, SelectionChange
from selection.services.choosing import candidacy_deselect
from selection.services.results import (
    applicant_results,
    proposal_result,
    require_change_allowed,
    results_visible,
)
from tests.factories import (
    UserFactory,
)
from tests.selection.results_world import (
    DURING_REVIEW,
    JUST_BEFORE,
    RESULTS,
    SECOND,
    build_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(program):
    return build_world(program)


@pytest.fixture
def paula(db):
    return UserFactory(email="paula@example.org", is_program_admin=True, timezone="UTC")


def test_results_are_visible_from_the_instant_to_the_second(world):
    assert not results_visible(world.round, JUST_BEFORE)
    assert results_visible(world.round, RESULTS)
    assert results_visible(world.round, RESULTS + SECOND)


def test_before_the_instant_an_applicant_gets_nothing_and_no_query_is_asked(
    world, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert applicant_results(applicant=world.ana, round_=world.round, now=JUST_BEFORE) == []
        assert (
            proposal_result(proposal=world.ana_proposal, viewer=world.ana, now=JUST_BEFORE) is None
        )


def test_from_the_instant_each_submitted_proposal_is_accepted_or_not(world):
    (ana,) = applicant_results(applicant=world.ana, round_=world.round, now=RESULTS)
    (bruno,) = applicant_results(applicant=world.bruno, round_=world.round, now=RESULTS)

    assert ana.proposal == world.ana_proposal and ana.accepted
    assert bruno.proposal == world.bruno_proposal and not bruno.accepted
    assert applicant_results(applicant=world.chen, round_=world.round, now=RESULTS) == []


def test_a_proposals_result_is_for_its_applicant_alone(world):
    assert proposal_result(proposal=world.ana_proposal, viewer=world.ana, now=RESULTS).accepted
    assert proposal_result(proposal=world.ana_proposal, viewer=world.mira, now=RESULTS) is None


# --- The guard ---------------------------------------------------------------------------------


def test_before_the_results_time_a_change_is_not_after_the_results(world):
    assert not require_change_allowed(round_=world.round, by=world.olga, reason="", now=JUST_BEFORE)


def test_after_the_results_time_an_org_admin_may_not_change_a_selection(world):
    with pytest.raises(ValidationError) as refused:
        require_change_allowed(round_=world.round, by=world.olga, reason="Oops", now=RESULTS)

    # Named in Olga's zone (Europe/London): 18:00 UTC is 19:00 BST.
    assert "announced on Mon 26 Apr 2027, 19:00 BST" in refused.value.messages[0]
    assert "only a program admin" in refused.value.messages[0]


def test_after_the_results_time_a_program_admin_gives_a_reason(world, paula):
    with pytest.raises(ValidationError, match="needs a reason"):
        require_change_allowed(round_=world.round, by=paula, reason="  ", now=RESULTS)
    assert require_change_allowed(round_=world.round, by=paula, reason="Withdrew", now=RESULTS)


# --- A program admin's change after the announcement -------------------------------------------
# (through the selection services, whose rules tests/selection/test_choosing_service.py tries)


def test_a_program_admin_deselects_after_the_results_and_it_is_recorded(world, paula):
    moment = RESULTS + SECOND * 60
    candidacy_deselect(
        candidacy=world.ana_candidacy, by=paula, reason="Ana took a job and withdrew.", now=moment
    )

    world.ana_candidacy.refresh_from_db()
    assert world.ana_candidacy.selected_at is None
    change = SelectionChange.objects.get()
    assert change.action == SelectionChange.Action.DESELECTED
    assert change.after_results
    assert (change.by, change.at, change.reason) == (paula, moment, "Ana took a job and withdrew.")
    (shown,) = applicant_results(applicant=world.ana, round_=world.round, now=moment)
    assert not shown.accepted


def test_an_applicant_in_an_open_conflict_sees_the_result_being_settled(world):
    Conflict.objects.create(round=world.round, applicant=world.ana, opened_at=DURING_REVIEW)

    (shown,) = applicant_results(applicant=world.ana, round_=world.round, now=RESULTS)

    assert (shown.accepted, shown.settling) == (False, True)


def test_a_withdrawn_proposal_is_no_longer_selected(world):
    Proposal.objects.filter(pk=world.ana_proposal.pk).update(
        status=Proposal.Status.WITHDRAWN, withdrawn_at=DURING_REVIEW
    )

    assert not Candidacy.objects.selected().filter(pk=world.ana_candidacy.pk).exists()
    assert applicant_results(applicant=world.ana, round_=world.round, now=RESULTS) == []
