"""Internships made at the announcement (evaluations.services.announcement): at the round's
results time, and not a second before, each selected proposal becomes an internship linked to
its proposal, idea, organization and committed mentors; made once however often it runs
(beat's task, the demo); and a program admin's change after the results keeps the
internship in step, recorded."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from evaluations.models import Internship
from evaluations.services.announcement import internships_for_announced_rounds, result_change
from evaluations.tasks import internships_announce
from programs.models import Participation
from selection.models import Candidacy, Conflict, SelectionChange
from selection.services.choosing import candidacy_deselect, candidacy_select
from tests.factories import MentorCommitmentFactory, UserFactory
from tests.projects.reminders_world import DATES
from tests.selection.results_world import JUST_BEFORE, RESULTS, SECOND, at, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(program):
    return build_world(program)


@pytest.fixture
def paula(db):
    return UserFactory(email="paula@example.org", is_program_admin=True)


def test_one_second_before_the_results_time_no_internship_is_made(world):
    assert internships_for_announced_rounds(JUST_BEFORE) == []
    assert not Internship.objects.exists()


def test_at_the_instant_each_selected_proposal_becomes_an_internship(world):
    second_mentor = UserFactory(email="kai@example.org")
    MentorCommitmentFactory(proposal=world.ana_proposal, mentor=second_mentor)

    (internship,) = internships_for_announced_rounds(RESULTS)

    assert internship.proposal == world.ana_proposal
    assert internship.participation == world.qemu
    assert internship.intern == world.ana
    assert internship.idea == world.ana_proposal.idea
    assert internship.project_title == "Backups that resume"
    assert internship.status == Internship.Status.ACTIVE
    assert set(internship.mentors.all()) == {world.mira, second_mentor}
    assert not Internship.objects.filter(intern=world.bruno).exists()


def test_it_makes_each_internship_once_however_often_it_runs(world):
    assert len(internships_for_announced_rounds(RESULTS)) == 1
    assert internships_for_announced_rounds(RESULTS + timedelta(minutes=5)) == []
    assert Internship.objects.count() == 1


def test_a_round_that_is_over_is_left_alone(world):
    assert internships_for_announced_rounds(DATES["ends"] + SECOND) == []


def test_beats_task_makes_them(world):
    with at(RESULTS):
        assert internships_announce() == 1
    assert "internships-announce" in settings.CELERY_BEAT_SCHEDULE
    task = settings.CELERY_BEAT_SCHEDULE["internships-announce"]["task"]
    assert task == "evaluations.tasks.internships_announce"


def test_an_applicant_interning_with_the_organization_already_is_skipped_not_crashed(world):
    Internship.objects.create(participation=world.qemu, intern=world.ana, project_title="Old")

    assert internships_for_announced_rounds(RESULTS) == []
    assert Internship.objects.count() == 1


def test_an_applicant_in_an_open_conflict_waits_for_its_resolution(world):
    Conflict.objects.create(round=world.qemu.round, applicant=world.ana, opened_at=JUST_BEFORE)

    assert internships_for_announced_rounds(RESULTS) == []

    Conflict.objects.update(resolved_at=RESULTS + SECOND, resolution="Ana prefers QEMU.")
    (internship,) = internships_for_announced_rounds(RESULTS + timedelta(minutes=5))
    assert internship.intern == world.ana


def test_a_deselection_on_the_selection_page_after_the_results_withdraws_the_internship(
    world, paula
):
    (internship,) = internships_for_announced_rounds(RESULTS)
    candidacy_deselect(
        candidacy=world.ana_candidacy, by=paula, reason="Ana took a job.", now=RESULTS + SECOND
    )

    assert internships_for_announced_rounds(RESULTS + timedelta(minutes=5)) == []

    internship.refresh_from_db()
    assert internship.status == Internship.Status.WITHDRAWN
    event = internship.events.get()
    assert (event.by, event.reason) == (paula, "Ana took a job.")


# --- A program admin's change after the announcement -------------------------------------------


def test_deselecting_after_the_announcement_withdraws_the_internship(world, paula):
    (internship,) = internships_for_announced_rounds(RESULTS)

    outcome = result_change(
        candidacy=world.ana_candidacy,
        selected=False,
        by=paula,
        reason="Ana took a job.",
        now=RESULTS + SECOND,
    )

    internship.refresh_from_db()
    assert internship.status == Internship.Status.WITHDRAWN
    assert outcome.internship == internship
    assert outcome.change.after_results and outcome.change.reason == "Ana took a job."
    # Withdrawn, not deleted: a later run does not make it again.
    assert internships_for_announced_rounds(RESULTS + timedelta(minutes=5)) == []


def test_selecting_after_the_announcement_makes_the_internship_at_once(world, paula):
    internships_for_announced_rounds(RESULTS)
    # Selection's rules hold after the results too: a mentor committed to it, and room for
    # a second intern on the idea.
    MentorCommitmentFactory(proposal=world.bruno_proposal, mentor=world.mira)
    Participation.objects.filter(pk=world.qemu.pk).update(interns_per_idea=2)

    outcome = result_change(
        candidacy=world.bruno_candidacy,
        selected=True,
        by=paula,
        reason="A second slot was funded late.",
        now=RESULTS + SECOND,
    )

    assert outcome.internship.intern == world.bruno
    assert outcome.internship.proposal == world.bruno_proposal
    assert outcome.internship.status == Internship.Status.ACTIVE


def test_selecting_again_brings_a_withdrawn_internship_back(world, paula):
    (internship,) = internships_for_announced_rounds(RESULTS)
    for selected in (False, True):
        result_change(
            candidacy=world.ana_candidacy,
            selected=selected,
            by=paula,
            reason="Changed her mind.",
            now=RESULTS + SECOND,
        )

    internship.refresh_from_db()
    assert internship.status == Internship.Status.ACTIVE
    assert SelectionChange.objects.filter(after_results=True).count() == 2


def test_a_selection_made_again_on_the_selection_page_brings_the_internship_back_at_the_next_run(
    world, paula
):
    (internship,) = internships_for_announced_rounds(RESULTS)
    for selected in (candidacy_deselect, candidacy_select):
        selected(candidacy=world.ana_candidacy, by=paula, reason="Back and forth.", now=RESULTS)
        internships_for_announced_rounds(RESULTS + SECOND)
        internship.refresh_from_db()

    assert internship.status == Internship.Status.ACTIVE
    assert internship.events.count() == 2


def test_an_org_admins_change_after_the_announcement_leaves_everything_as_it_was(world):
    (internship,) = internships_for_announced_rounds(RESULTS)

    with pytest.raises(ValidationError):
        result_change(
            candidacy=world.ana_candidacy,
            selected=False,
            by=world.olga,
            reason="Oops",
            now=RESULTS + SECOND,
        )

    internship.refresh_from_db()
    assert internship.status == Internship.Status.ACTIVE
    assert Candidacy.objects.get(pk=world.ana_candidacy.pk).is_selected
    assert not SelectionChange.objects.exists()
