"""The demo's review and selection (selection/demo.py) and the internships the announcement
makes from it (evaluations/demo.py through evaluations.services.announcement): `--phase
review` shows scored and flagged proposals, booked interviews in several zones, a ranked list
and one cross-organization conflict; `--phase community_bonding` and later the announced
results and the internships they made."""

from datetime import UTC, datetime

import pytest

from evaluations.models import Internship
from programs.demo import build_demo, run_extensions
from programs.timeline import Phase
from selection.models import Candidacy, Conflict, Interview, InterviewSlot, Review
from selection.services.results import applicant_results

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


def full_demo(phase: Phase):
    world = build_demo(phase, NOW)
    run_extensions(world)
    return world


def qemu_candidacies(world):
    return Candidacy.objects.filter(participation=world.participations[("gsoc", "qemu")])


def test_in_review_proposals_are_scored_flagged_set_aside_and_ranked():
    world = full_demo(Phase.REVIEW)
    candidacies = qemu_candidacies(world)

    assert Review.objects.filter(mentor=world.accounts["mentor"]).count() >= 5
    assert candidacies.filter(interview_flagged_at__isnull=False).count() == 4
    assert candidacies.exclude(set_aside="").count() == 1
    ranks = list(candidacies.ranked().values_list("rank", flat=True))
    assert ranks == list(range(1, len(ranks) + 1)) and len(ranks) >= 4
    for candidacy in candidacies.ranked():
        assert candidacy.proposal.mentor_commitments.exists()


def test_in_review_interviews_are_booked_with_applicants_in_several_zones():
    world = full_demo(Phase.REVIEW)
    booked = Interview.objects.booked().select_related("applicant", "mentor")

    assert len({i.applicant.timezone for i in booked}) >= 4
    assert len({i.mentor.timezone for i in booked}) >= 3
    assert any(i.starts_at > world.now for i in booked)
    held = [i for i in booked if i.ends_at < world.now]
    assert held and all(i.outcome for i in held)
    booked_slots = booked.values("slot")
    assert (
        InterviewSlot.objects.exclude(pk__in=booked_slots).filter(starts_at__gt=world.now).exists()
    )


def test_in_review_one_applicant_is_selected_by_two_organizations_an_open_conflict():
    world = full_demo(Phase.REVIEW)

    (conflict,) = Conflict.objects.open()
    selected = Candidacy.objects.selected().filter(applicant=conflict.applicant)
    assert conflict.round == world.main_round
    assert {c.participation.organization.slug for c in selected} == {"qemu", "libvirt"}


def test_in_review_nothing_of_the_selection_reaches_an_applicant_and_no_internship_is_made():
    world = full_demo(Phase.REVIEW)
    ana = world.accounts["applicant"]

    assert applicant_results(applicant=ana, round_=world.main_round, now=world.now) == []
    assert not Internship.objects.filter(participation__round=world.main_round).exists()


def test_from_community_bonding_the_results_are_out_and_ana_reads_both_of_hers():
    world = full_demo(Phase.COMMUNITY_BONDING)
    ana = world.accounts["applicant"]

    results = applicant_results(applicant=ana, round_=world.main_round, now=world.now)

    assert [(r.organization.slug, r.accepted) for r in results] == [
        ("qemu", True),
        ("libvirt", False),
    ]
    assert results[0].internship_pk is not None
    assert not Conflict.objects.open().exists()
    assert Conflict.objects.get().resolution


@pytest.mark.parametrize(
    "phase", [Phase.COMMUNITY_BONDING, Phase.CODING, Phase.FINAL, Phase.FINISHED]
)
def test_every_selected_proposal_became_an_internship_with_its_committed_mentors(phase):
    world = full_demo(phase)
    qemu = world.participations[("gsoc", "qemu")]

    selected = Candidacy.objects.selected().filter(participation__round=world.main_round)
    assert selected.filter(participation=qemu).count() == qemu.slots_granted
    for candidacy in selected:
        internship = Internship.objects.get(proposal=candidacy.proposal)
        assert internship.intern_id == candidacy.applicant_id
        assert internship.idea_id == candidacy.proposal.idea_id
        assert internship.project_title == candidacy.proposal.title
        committed = set(candidacy.proposal.mentor_commitments.values_list("mentor", flat=True))
        assert set(internship.mentors.values_list("pk", flat=True)) == committed
    ines = world.accounts["intern"]
    assert ines.internships.get(participation=qemu).mentors.get() == world.accounts["mentor"]


def test_from_community_bonding_anas_dashboard_shows_both_results(client):
    world = full_demo(Phase.COMMUNITY_BONDING)
    client.force_login(world.accounts["applicant"])

    response = client.get(f"/rounds/{world.main_round.slug}/application/")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="results"' in page
    assert "Accepted" in page and "Not this time" in page
