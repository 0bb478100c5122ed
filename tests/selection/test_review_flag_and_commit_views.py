"""The buttons of a proposal's review page: flag for an interview, set aside as spam or not
serious (and put back), "I will mentor this" (and take it back). POST only.

Access: the organization's mentors and org admins act; program admins read the page but get
403 here; another organization's mentor and the applicant get 404.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from selection.models import Candidacy, MentorCommitment
from selection.services.ranking import rank_add
from tests.selection.review_world import in_review, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(participation, applicant):
    in_review(participation.round)
    return submitted(participation, applicant=applicant)


def url(proposal, name):
    return reverse(f"selection:{name}", args=["gsoc-2027", "qemu", proposal.pk])


@pytest.mark.parametrize("name", ["review_flag", "review_commit"])
@pytest.mark.parametrize(
    ("viewer", "status"),
    [("outsider", 404), ("applicant", 404), ("program_admin", 403), ("mentor", 302)],
)
def test_mentors_act_program_admins_are_forbidden_others_not_found(
    client, proposal, request, name, viewer, status
):
    client.force_login(request.getfixturevalue(viewer))

    response = client.post(url(proposal, name), {"action": "interview"})

    assert response.status_code == status


@pytest.mark.parametrize("name", ["review_flag", "review_commit"])
def test_a_get_is_not_allowed(client, proposal, mentor, name):
    client.force_login(mentor)
    assert client.get(url(proposal, name)).status_code == 405


def test_a_mentor_flags_for_an_interview(client, proposal, mentor):
    client.force_login(mentor)

    client.post(url(proposal, "review_flag"), {"action": "interview"})

    assert Candidacy.objects.get(proposal=proposal).interview_flagged_by == mentor


def test_setting_a_ranked_proposal_aside_says_it_left_the_ranking(
    client, proposal, mentor, org_admin
):
    MentorCommitment.objects.create(proposal=proposal, mentor=mentor)
    rank_add(proposal=proposal, by=org_admin)
    client.force_login(mentor)

    response = client.post(url(proposal, "review_flag"), {"action": "spam"})

    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("left the ranking" in m for m in said)
    candidacy = Candidacy.objects.get(proposal=proposal)
    assert (candidacy.set_aside, candidacy.rank) == ("spam", None)


def test_an_unknown_action_changes_nothing(client, proposal, mentor):
    client.force_login(mentor)

    response = client.post(url(proposal, "review_flag"), {"action": "<delete>"})

    assert response.status_code == 302
    assert not Candidacy.objects.exists()


def test_i_will_mentor_this_and_back(client, proposal, mentor):
    client.force_login(mentor)

    client.post(url(proposal, "review_commit"), {"action": "commit"})
    assert MentorCommitment.objects.filter(proposal=proposal, mentor=mentor).exists()

    client.post(url(proposal, "review_commit"), {"action": "withdraw"})
    assert not MentorCommitment.objects.exists()


def test_the_last_mentor_leaving_a_ranked_proposal_is_told_it_left_the_ranking(
    client, proposal, mentor, org_admin
):
    MentorCommitment.objects.create(proposal=proposal, mentor=mentor)
    rank_add(proposal=proposal, by=org_admin)
    client.force_login(mentor)

    response = client.post(url(proposal, "review_commit"), {"action": "withdraw"})

    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("No mentor is committed to it any more" in m for m in said)
    assert Candidacy.objects.get(proposal=proposal).rank is None
