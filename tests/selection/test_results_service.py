"""What an applicant may know of their selection and when (`results_visible`,
`applicant_results`, `proposal_result`), and the rule that fixes the results once announced:
after the results time only a program admin changes a selection, with a reason, recorded
(`require_change_allowed`, `result_set`)."""

import pytest
from django.core.exceptions import ValidationError

from programs.models import Participation
from selection.models import Candidacy, SelectionChange
from selection.services.results import (
    applicant_results,
    proposal_result,
    require_change_allowed,
    result_set,
    results_visible,
)
from tests.factories import (
    CandidacyFactory,
    ParticipationFactory,
    ProjectIdeaFactory,
    UserFactory,
)
from tests.selection.results_world import (
    DURING_REVIEW,
    JUST_BEFORE,
    RESULTS,
    SECOND,
    at,
    build_world,
    submitted,
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


def test_a_program_admin_deselects_after_the_results_and_it_is_recorded(world, paula):
    moment = RESULTS + SECOND * 60
    with at(moment):
        change = result_set(
            candidacy=world.ana_candidacy,
            selected=False,
            by=paula,
            reason="Ana took a job and withdrew.",
            now=moment,
        )

    world.ana_candidacy.refresh_from_db()
    assert world.ana_candidacy.selected_at is None
    assert change.action == SelectionChange.Action.DESELECTED
    assert change.after_results
    assert (change.by, change.at, change.reason) == (paula, moment, "Ana took a job and withdrew.")
    (shown,) = applicant_results(applicant=world.ana, round_=world.round, now=moment)
    assert not shown.accepted


def test_a_program_admin_selects_a_ranked_proposal_within_the_slots(world, paula):
    change = result_set(
        candidacy=world.bruno_candidacy, selected=True, by=paula, reason="A slot freed", now=RESULTS
    )

    world.bruno_candidacy.refresh_from_db()
    assert world.bruno_candidacy.selected_at == RESULTS
    assert world.bruno_candidacy.selected_by == paula
    assert change.action == SelectionChange.Action.SELECTED


def test_the_change_service_refuses_before_the_results_time(world, paula):
    with pytest.raises(ValidationError, match="until then the organization's admins select"):
        result_set(
            candidacy=world.bruno_candidacy, selected=True, by=paula, reason="x", now=DURING_REVIEW
        )
    assert not SelectionChange.objects.exists()


def test_the_change_service_refuses_an_org_admin_after_the_results(world):
    with pytest.raises(ValidationError, match="only a program admin"):
        result_set(
            candidacy=world.ana_candidacy, selected=False, by=world.olga, reason="x", now=RESULTS
        )
    world.ana_candidacy.refresh_from_db()
    assert world.ana_candidacy.is_selected


def test_selecting_beyond_the_granted_slots_is_refused(world, paula):
    Participation.objects.filter(pk=world.qemu.pk).update(slots_granted=1)

    with pytest.raises(ValidationError, match="QEMU has 1 slot and 1 selected"):
        result_set(
            candidacy=world.bruno_candidacy, selected=True, by=paula, reason="x", now=RESULTS
        )


def test_an_unranked_or_set_aside_proposal_cannot_be_selected(world, paula):
    Candidacy.objects.filter(pk=world.bruno_candidacy.pk).update(rank=None)
    with pytest.raises(ValidationError, match="Only a ranked proposal"):
        result_set(
            candidacy=world.bruno_candidacy, selected=True, by=paula, reason="x", now=RESULTS
        )
    Candidacy.objects.filter(pk=world.bruno_candidacy.pk).update(
        set_aside=Candidacy.SetAside.SPAM, set_aside_at=RESULTS
    )
    with pytest.raises(ValidationError, match="set aside"):
        result_set(
            candidacy=world.bruno_candidacy, selected=True, by=paula, reason="x", now=RESULTS
        )


def test_selecting_an_already_selected_proposal_says_so(world, paula):
    with pytest.raises(ValidationError, match="already selected"):
        result_set(candidacy=world.ana_candidacy, selected=True, by=paula, reason="x", now=RESULTS)


def test_the_applicants_limit_of_accepted_proposals_holds_after_the_results(world, paula):
    # Bruno proposed to another organization too, which selected him there.
    libvirt = ParticipationFactory(round=world.round, slots_granted=1)
    other = submitted(world.bruno, ProjectIdeaFactory(participation=libvirt), "Bindings")
    CandidacyFactory(proposal=other, rank=1, selected_at=DURING_REVIEW)

    with pytest.raises(ValidationError, match="already has 1 accepted proposal in GSoC 2027"):
        result_set(
            candidacy=world.bruno_candidacy, selected=True, by=paula, reason="x", now=RESULTS
        )
