"""Scores, comments, flags, ranks and commitments are the organization's: they never reach the
applicant, not on their proposal's page, their dashboard, or any review address (404)."""

import pytest
from django.urls import reverse

from selection.models import Candidacy, MentorCommitment
from tests.factories import ReviewFactory
from tests.selection.review_world import in_review, submitted

pytestmark = pytest.mark.django_db
SECRET = "Weak schedule, say no"


@pytest.fixture
def reviewed(participation, applicant, mentor):
    in_review(participation.round)
    proposal = submitted(participation, applicant=applicant, title="Incremental backups")
    ReviewFactory(proposal=proposal, mentor=mentor, score=1, comment=SECRET)
    MentorCommitment.objects.create(proposal=proposal, mentor=mentor)
    Candidacy.objects.create(
        proposal=proposal,
        participation=participation,
        applicant=applicant,
        interview_flagged_at=proposal.submitted_at,
        rank=1,
    )
    return proposal


def test_the_applicants_own_pages_show_nothing_of_the_review(client, reviewed, applicant):
    client.force_login(applicant)

    for address in (
        reverse("applications:proposal", args=["gsoc-2027", reviewed.pk]),
        reverse("applications:dashboard", args=["gsoc-2027"]),
    ):
        response = client.get(address)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Incremental backups" in html
        assert SECRET not in html
        assert "1.00" not in html
        assert "Mira Mentor" not in html  # who committed is the organization's
        assert "Ranked" not in html and "Flagged" not in html


def test_every_review_address_is_not_found_for_the_applicant(client, reviewed, applicant):
    client.force_login(applicant)
    org = ["gsoc-2027", "qemu"]

    for name, args in (
        ("selection:review_list", org),
        ("selection:review", [*org, reviewed.pk]),
        ("selection:ranking", org),
        ("selection:criteria", org),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    for name in ("selection:review_flag", "selection:review_commit"):
        assert client.post(reverse(name, args=[*org, reviewed.pk])).status_code == 404, name


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("applicant", 404), ("outsider", 404), ("program_admin", 403), ("mentor", 302)],
)
def test_the_triad_on_a_flag_the_applicant_would_most_want_to_see(
    client, reviewed, request, viewer, status
):
    """Outside the organization 404, read-only 403, its mentors through (a redirect back)."""
    client.force_login(request.getfixturevalue(viewer))
    address = reverse("selection:review_flag", args=["gsoc-2027", "qemu", reviewed.pk])

    assert client.post(address, {"action": "no_interview"}).status_code == status
