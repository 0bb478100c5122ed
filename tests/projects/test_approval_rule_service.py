import pytest
from django.core.exceptions import ValidationError

from projects.models import IdeaEvent, IdeaReview, ProjectIdea
from projects.services.reviews import approval_rule_set, idea_review
from tests.projects.authoring import idea_in, org_admins

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status


def test_org_admins_set_the_number_of_approvals_and_the_affiliation_rule(participation, org_admin):
    approval_rule_set(
        participation=participation, by=org_admin, approvals_required=3, two_affiliations=True
    )

    participation.refresh_from_db()
    assert participation.idea_approvals_required == 3
    assert participation.idea_approvals_from_two_affiliations is True


@pytest.mark.parametrize("required", [0, 11])
def test_it_refuses_a_number_out_of_range(participation, org_admin, required):
    with pytest.raises(ValidationError, match="between 1 and 10"):
        approval_rule_set(
            participation=participation,
            by=org_admin,
            approvals_required=required,
            two_affiliations=False,
        )


@pytest.mark.parametrize("person", ["mentor", "program_admin"])
def test_only_org_admins_set_the_rule(request, participation, person):
    with pytest.raises(ValidationError, match="Only the organization's admins"):
        approval_rule_set(
            participation=participation,
            by=request.getfixturevalue(person),
            approvals_required=2,
            two_affiliations=False,
        )
    participation.refresh_from_db()
    assert participation.idea_approvals_required == 1


def test_ideas_meeting_a_lowered_rule_are_approved_at_once(participation, mentor, org_admin):
    approval_rule_set(
        participation=participation, by=org_admin, approvals_required=3, two_affiliations=False
    )
    first, second = org_admins(participation, "Red Hat", "Google")
    ready = idea_in(participation, mentor, status=Status.SUBMITTED, title="Ready")
    short = idea_in(participation, mentor, status=Status.SUBMITTED, title="Short")
    for admin in (first, second):
        idea_review(idea=ready, reviewer=admin, verdict="approve")
    idea_review(idea=short, reviewer=first, verdict="approve")

    approved = approval_rule_set(
        participation=participation, by=org_admin, approvals_required=2, two_affiliations=False
    )

    assert approved == [ready]
    ready.refresh_from_db()
    short.refresh_from_db()
    assert (ready.status, short.status) == (Status.APPROVED, Status.SUBMITTED)
    event = IdeaEvent.objects.get(idea=ready, to_status=Status.APPROVED)
    assert event.actor == org_admin
    assert "rule changed" in event.comment


def test_approvals_for_an_earlier_revision_do_not_count_under_a_new_rule(
    participation, mentor, org_admin
):
    approval_rule_set(
        participation=participation, by=org_admin, approvals_required=2, two_affiliations=False
    )
    idea = idea_in(participation, mentor, status=Status.SUBMITTED, revision=2)
    IdeaReview.objects.create(idea=idea, reviewer=org_admin, revision=1, verdict="approve")

    assert (
        approval_rule_set(
            participation=participation, by=org_admin, approvals_required=1, two_affiliations=False
        )
        == []
    )
