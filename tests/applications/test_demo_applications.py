"""The demo's applications (applications/demo.py): from the application period on, applicants
with drafts and submitted proposals, contributions confirmed and not, and Ganeti's gate; later
phases keep them."""

from datetime import UTC, datetime

import pytest

from applications.models import Application, Contribution, Proposal
from applications.services.dashboard import applicant_dashboard
from programs.demo import build_demo, run_extensions
from programs.timeline import Phase

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


def full_demo(phase: Phase):
    world = build_demo(phase, NOW)
    run_extensions(world)
    return world


def test_in_the_application_period_there_are_drafts_submissions_and_contributions():
    world = full_demo(Phase.APPLICATIONS)
    round_ = world.main_round

    proposals = Proposal.objects.in_round(round_)
    assert proposals.drafts().exists()
    assert proposals.submitted().count() >= 5
    contributions = Contribution.objects.filter(participation__round=round_)
    assert contributions.filter(verdict=Contribution.Verdict.CONFIRMED).exists()
    assert contributions.filter(verdict=Contribution.Verdict.UNREVIEWED).exists()
    for proposal in proposals.submitted():
        assert round_.applications_open < proposal.submitted_at <= NOW


def test_ana_sees_her_draft_her_submission_and_where_she_stands_against_ganetis_gate():
    world = full_demo(Phase.APPLICATIONS)
    ana = world.accounts["applicant"]

    data = applicant_dashboard(applicant=ana, round_=world.main_round, now=NOW)

    assert {p.status for p in data.proposals} == {"draft", "submitted"}
    (ganeti,) = [g for g in data.gates if g.participation.organization.slug == "ganeti"]
    assert ganeti.words == "0 of 1 accepted, confirmed by a mentor"
    assert ganeti.awaiting_mentor == 1
    assert data.next_deadline.label == "Application deadline"


def test_mira_has_submitted_proposals_to_list(client):
    world = full_demo(Phase.APPLICATIONS)
    client.force_login(world.accounts["mentor"])

    response = client.get(f"/rounds/{world.main_round.slug}/orgs/qemu/review/")

    assert response.status_code == 200
    assert len(response.context["rows"]) >= 5


@pytest.mark.parametrize("phase", [Phase.REVIEW, Phase.CODING])
def test_later_phases_carry_them_forward_as_they_stood_at_the_deadline(phase):
    world = full_demo(phase)
    round_ = world.main_round

    # Ana and the six others (selection's demo adds applicants of its own from the review on).
    theirs = Application.objects.filter(round=round_, applicant__email__startswith="applicant")
    assert theirs.count() == 7
    for proposal in Proposal.objects.in_round(round_).submitted():
        assert proposal.submitted_at <= round_.applications_close


@pytest.mark.parametrize("phase", [Phase.IDEAS_PUBLISHED, Phase.ORG_APPLICATIONS])
def test_before_the_application_period_there_are_none(phase):
    full_demo(phase)
    assert not Application.objects.exists()
