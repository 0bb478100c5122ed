"""The org admins' queue of ideas waiting for review, with the approval rule.

Access: the organization's admins; its mentors and program admins 403; people outside 404;
anonymous people log in first.
"""

import pytest
from django.urls import reverse

from projects.models import IdeaMentor, IdeaReview, ProjectIdea
from projects.services.reviews import tally_for
from tests.projects.authoring import idea_in, org_admins

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status
URL = reverse("projects:review_queue", args=["gsoc-2027", "qemu"])


def test_it_lists_ideas_waiting_with_their_approvals_and_the_rule(
    client, participation, mentor, org_admin
):
    participation.idea_approvals_required = 2
    participation.save()
    (other,) = org_admins(participation, "Google")
    waiting = idea_in(participation, mentor, status=Status.SUBMITTED, title="Disk backup tool")
    IdeaReview.objects.create(idea=waiting, reviewer=other, revision=1, verdict="approve")
    idea_in(participation, mentor, title="A draft")
    idea_in(participation, mentor, status=Status.APPROVED, title="Already approved")
    client.force_login(org_admin)

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Disk backup tool" in page
    assert "A draft" not in page
    assert "Already approved" not in page
    assert "1 of 2" in page
    assert reverse("projects:idea_review", args=["gsoc-2027", "qemu", waiting.slug]) in page
    assert response.context["rule_form"]["approvals_required"].value() == 2
    assert "fewer" not in page  # two org admins for two approvals


def test_an_approver_later_made_co_mentor_no_longer_counts_as_the_rule_says(
    client, participation, mentor, org_admin
):
    participation.idea_approvals_required = 2
    participation.save()
    (other,) = org_admins(participation, "Google")
    waiting = idea_in(participation, mentor, status=Status.SUBMITTED, title="Disk backup tool")
    IdeaReview.objects.create(idea=waiting, reviewer=other, revision=1, verdict="approve")
    IdeaMentor.objects.create(idea=waiting, user=other, position=1)
    client.force_login(org_admin)

    page = client.get(URL).content.decode()

    assert "0 of 2" in page
    assert tally_for(waiting).count == 0


def test_it_says_which_ideas_the_viewer_mentors_or_has_reviewed(client, participation, org_admin):
    (other,) = org_admins(participation, "Google")
    idea_in(participation, org_admin, status=Status.SUBMITTED, title="Mine")
    reviewed = idea_in(participation, other, status=Status.SUBMITTED, title="Reviewed")
    IdeaReview.objects.create(
        idea=reviewed, reviewer=org_admin, revision=1, verdict="changes", comment="x"
    )
    client.force_login(org_admin)

    page = client.get(URL).content.decode()

    assert "You mentor it" in page
    assert "You reviewed this revision" in page


def test_it_warns_when_fewer_org_admins_exist_than_approvals_required(
    client, participation, org_admin
):
    participation.idea_approvals_required = 3
    participation.save()
    client.force_login(org_admin)

    page = client.get(URL).content.decode()

    assert "has 1 active org admin, fewer" in page


def _waiting_ideas(participation, mentor, count: int) -> None:
    participation.idea_approvals_required = 3
    participation.save()
    reviewers = org_admins(participation, "Red Hat", "Google")
    for number in range(count):
        idea = idea_in(participation, mentor, status=Status.SUBMITTED, title=f"Idea {number}")
        idea.mentors.create(name="Alberto Garcia", position=1)
        for reviewer in reviewers:
            IdeaReview.objects.create(idea=idea, reviewer=reviewer, revision=1, verdict="approve")


@pytest.mark.parametrize("ideas", [2, 12])
def test_its_queries_do_not_grow_with_ideas(
    client, participation, mentor, org_admin, django_assert_num_queries, ideas
):
    _waiting_ideas(participation, mentor, ideas)
    client.force_login(org_admin)
    # Session, user, participation, roles, ideas with their counts, their co-mentors, and the
    # number of org admins.
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count("2 of 3") == ideas


@pytest.mark.parametrize("person", ["mentor", "program_admin"])
def test_mentors_and_program_admins_are_forbidden(request, client, participation, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("person", ["applicant", "outsider"])
def test_people_outside_the_organization_are_not_found(request, client, participation, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(URL).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, participation):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
