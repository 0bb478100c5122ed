"""Selecting and deselecting interns: every rule of selection.services.choosing, each refusal
naming its rule, and every change recorded."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from programs.models import Membership
from selection.models import Candidacy, Conflict, SelectionChange
from selection.services.choosing import candidacy_deselect, candidacy_select
from tests.factories import ContributionFactory, ProjectIdeaFactory
from tests.selection.choosing_world import (
    candidate,
    granted,
    in_review,
    mentor_of,
    other_organization,
)

pytestmark = pytest.mark.django_db
Action = SelectionChange.Action


@pytest.fixture
def qemu(participation, org_admin, mentor):
    in_review(participation.round)
    return granted(participation, 2)


def refusal(**kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        candidacy_select(**kwargs)
    return refused.value.messages[0]


def test_an_org_admin_selects_a_ranked_proposal_and_the_change_is_recorded(qemu, org_admin, mentor):
    chosen = candidate(qemu, rank=1, mentor=mentor)

    outcome = candidacy_select(candidacy=chosen, by=org_admin)

    assert outcome.conflict is None
    chosen.refresh_from_db()
    assert chosen.selected_by == org_admin
    assert chosen.selected_at is not None
    (change,) = SelectionChange.objects.all()
    assert (change.action, change.by, change.after_results) == (Action.SELECTED, org_admin, False)


def test_it_refuses_a_selection_beyond_the_slots_granted(qemu, org_admin, mentor):
    granted(qemu, 1)
    candidacy_select(candidacy=candidate(qemu, rank=1, mentor=mentor), by=org_admin)

    message = refusal(candidacy=candidate(qemu, rank=2, mentor=mentor), by=org_admin)

    assert (
        message == "All 1 slot granted to QEMU are used (1 selected). Deselect a proposal to "
        "select another."
    )
    assert Candidacy.objects.selected().count() == 1


def test_it_refuses_any_selection_before_slots_are_granted(qemu, org_admin, mentor):
    qemu.slots_granted = None
    qemu.save()

    message = refusal(candidacy=candidate(qemu, rank=1, mentor=mentor), by=org_admin)

    assert "No slots are granted to QEMU yet" in message


def test_one_intern_per_idea_unless_the_organization_allows_more(qemu, org_admin, mentor):
    idea = ProjectIdeaFactory(participation=qemu, title="Disk backup tool")
    candidacy_select(candidacy=candidate(qemu, rank=1, mentor=mentor, idea=idea), by=org_admin)
    second = candidate(qemu, rank=2, mentor=mentor, idea=idea)

    assert "“Disk backup tool” already has 1 selected intern" in refusal(
        candidacy=second, by=org_admin
    )

    qemu.interns_per_idea = 2
    qemu.save()
    assert candidacy_select(candidacy=second, by=org_admin).candidacy.is_selected


def test_it_refuses_an_applicant_below_the_contribution_gate(qemu, org_admin, mentor, applicant):
    qemu.gate_contributions = 1
    qemu.gate_deadline = qemu.round.applications_close
    qemu.save()
    chosen = candidate(qemu, rank=1, mentor=mentor, applicant=applicant)
    # Accepted upstream but not confirmed by a mentor: it does not count yet.
    ContributionFactory(
        applicant=applicant,
        participation=qemu,
        accepted=True,
        accepted_at=qemu.gate_deadline.date(),
    )

    message = refusal(candidacy=chosen, by=org_admin)

    assert message.startswith("Ana Applicant is below QEMU's contribution gate: 0 of the 1")

    ContributionFactory(
        applicant=applicant,
        participation=qemu,
        accepted=True,
        confirmed=True,
        accepted_at=qemu.gate_deadline.date(),
    )
    assert candidacy_select(candidacy=chosen, by=org_admin).candidacy.is_selected


def test_it_refuses_a_proposal_no_mentor_committed_to(qemu, org_admin):
    message = refusal(candidacy=candidate(qemu, rank=1, title="Disk backup tool"), by=org_admin)

    assert message.startswith("No mentor of QEMU is committed to “Disk backup tool”")


def test_a_commitment_by_a_mentor_who_left_does_not_count(qemu, org_admin, mentor):
    chosen = candidate(qemu, rank=1, mentor=mentor)
    Membership.objects.filter(user=mentor).update(status=Membership.Status.WITHDRAWN)

    assert "No mentor of QEMU is committed" in refusal(candidacy=chosen, by=org_admin)


def test_it_refuses_a_mentor_over_the_rounds_limit_in_any_organization(
    qemu, org_admin, mentor, program_admin
):
    rules = qemu.round.rules
    rules.max_interns_per_mentor = 1
    rules.save()
    libvirt = other_organization(qemu.round)
    Membership.objects.create(
        participation=libvirt,
        user=mentor,
        role=Membership.Role.MENTOR,
        terms_accepted_at=timezone.now(),
    )
    candidacy_select(candidacy=candidate(libvirt, rank=1, mentor=mentor), by=program_admin)

    message = refusal(candidacy=candidate(qemu, rank=1, mentor=mentor), by=org_admin)

    assert message.startswith(
        "Mira Mentor is committed to 1 selected proposal already, the most the round allows "
        "one mentor (1)."
    )


def test_it_refuses_an_applicant_marked_ineligible(qemu, org_admin, mentor, applicant):
    chosen = candidate(qemu, rank=1, mentor=mentor, applicant=applicant)
    application = chosen.proposal.application
    application.ineligible_reason = "Not a student."
    application.marked_ineligible_at = timezone.now()
    application.save()

    message = refusal(candidacy=chosen, by=org_admin)

    assert message == (
        "Ana Applicant is marked ineligible for this round by a program admin (Not a student.), "
        "so they cannot be selected."
    )


def test_it_refuses_an_unranked_proposal(qemu, org_admin, mentor):
    chosen = candidate(qemu, rank=None, mentor=mentor, title="Disk backup tool")

    assert "“Disk backup tool” is not ranked" in refusal(candidacy=chosen, by=org_admin)


def test_it_refuses_to_select_twice(qemu, org_admin, mentor):
    chosen = candidate(qemu, rank=1, mentor=mentor, title="Disk backup tool")
    candidacy_select(candidacy=chosen, by=org_admin)

    assert refusal(candidacy=chosen, by=org_admin) == "“Disk backup tool” is already selected."


def test_mentors_only_read(qemu, mentor):
    chosen = candidate(qemu, rank=1, mentor=mentor)

    assert refusal(candidacy=chosen, by=mentor) == (
        "Only the organization's admins select its interns."
    )


def test_selection_opens_at_the_application_deadline_to_the_second(qemu, org_admin, mentor):
    chosen = candidate(qemu, rank=1, mentor=mentor)
    deadline = qemu.round.applications_close

    with time_machine.travel(deadline - timedelta(seconds=1), tick=False):
        assert refusal(candidacy=chosen, by=org_admin).startswith(
            "Selection opens at the application deadline"
        )
    with time_machine.travel(deadline, tick=False):
        assert candidacy_select(candidacy=chosen, by=org_admin).candidacy.is_selected


def test_after_the_results_only_a_program_admin_changes_a_selection_with_a_reason(
    qemu, org_admin, mentor, program_admin
):
    chosen = candidate(qemu, rank=1, mentor=mentor)

    with time_machine.travel(qemu.round.results_announced, tick=False):
        assert "only a program admin may change them" in refusal(candidacy=chosen, by=org_admin)
        assert "needs a reason: say why" in refusal(candidacy=chosen, by=program_admin)
        candidacy_select(candidacy=chosen, by=program_admin, reason="The intern of X withdrew.")

    change = SelectionChange.objects.get()
    assert (change.after_results, change.reason) == (True, "The intern of X withdrew.")


def test_a_second_organization_selecting_the_applicant_opens_a_conflict(
    qemu, org_admin, mentor, applicant, program_admin
):
    libvirt = other_organization(qemu.round)
    first = candidate(libvirt, rank=1, mentor=mentor_of(libvirt), applicant=applicant)
    assert candidacy_select(candidacy=first, by=program_admin).conflict is None

    outcome = candidacy_select(
        candidacy=candidate(qemu, rank=1, mentor=mentor, applicant=applicant), by=org_admin
    )

    conflict = Conflict.objects.get()
    assert outcome.conflict == conflict
    assert (conflict.applicant, conflict.round, conflict.resolved_at) == (
        applicant,
        qemu.round,
        None,
    )
    # Both selections stand until a program admin resolves it.
    assert Candidacy.objects.selected().count() == 2


def test_two_selections_within_the_rounds_rule_are_no_conflict(
    qemu, org_admin, mentor, applicant, program_admin
):
    rules = qemu.round.rules
    rules.max_accepted_per_applicant = 2
    rules.save()
    libvirt = other_organization(qemu.round)
    candidacy_select(
        candidacy=candidate(libvirt, rank=1, mentor=mentor_of(libvirt), applicant=applicant),
        by=program_admin,
    )

    outcome = candidacy_select(
        candidacy=candidate(qemu, rank=1, mentor=mentor, applicant=applicant), by=org_admin
    )

    assert outcome.conflict is None
    assert not Conflict.objects.exists()


def test_a_third_selection_joins_the_open_conflict(qemu, mentor, applicant, program_admin):
    selections = []
    for name in ("libvirt", "Ganeti", "Mozilla"):
        other = other_organization(qemu.round, name)
        selections.append(
            candidacy_select(
                candidacy=candidate(other, rank=1, mentor=mentor_of(other), applicant=applicant),
                by=program_admin,
            )
        )

    assert selections[0].conflict is None
    assert selections[1].conflict == selections[2].conflict == Conflict.objects.get()


def test_deselecting_frees_the_slot_and_settles_the_conflict_it_made(
    qemu, org_admin, mentor, applicant, program_admin
):
    granted(qemu, 1)
    libvirt = other_organization(qemu.round)
    candidacy_select(
        candidacy=candidate(libvirt, rank=1, mentor=mentor_of(libvirt), applicant=applicant),
        by=program_admin,
    )
    chosen = candidate(qemu, rank=1, mentor=mentor, applicant=applicant)
    candidacy_select(candidacy=chosen, by=org_admin)

    candidacy_deselect(candidacy=chosen, by=org_admin)

    chosen.refresh_from_db()
    assert not chosen.is_selected
    conflict = Conflict.objects.get()
    assert conflict.resolved_at is not None
    assert conflict.resolution == "Settled when QEMU withdrew its selection."
    assert list(
        SelectionChange.objects.filter(candidacy=chosen).values_list("action", flat=True)
    ) == [Action.SELECTED, Action.DESELECTED]
    # The slot is free for the next proposal.
    assert candidacy_select(
        candidacy=candidate(qemu, rank=2, mentor=mentor), by=org_admin
    ).candidacy.is_selected


def test_it_refuses_to_deselect_what_is_not_selected(qemu, org_admin, mentor):
    chosen = candidate(qemu, rank=1, mentor=mentor, title="Disk backup tool")

    with pytest.raises(ValidationError, match="“Disk backup tool” is not selected"):
        candidacy_deselect(candidacy=chosen, by=org_admin)
