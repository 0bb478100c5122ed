"""Setting the organization's approval rule (POST only, from the review queue).

Access: the organization's admins; its mentors and program admins 403; people outside 404;
anonymous people log in first.
"""

import pytest
from django.urls import reverse

from projects.models import IdeaReview, ProjectIdea
from tests.projects.authoring import idea_in, org_admins

pytestmark = pytest.mark.django_db
URL = reverse("projects:approval_rule", args=["gsoc-2027", "qemu"])
QUEUE = reverse("projects:review_queue", args=["gsoc-2027", "qemu"])


def rule(required, two_affiliations: bool = False) -> dict:
    data = {"rule-approvals_required": str(required)}
    if two_affiliations:
        data["rule-two_affiliations"] = "on"
    return data


def test_an_org_admin_sets_the_rule(client, participation, org_admin):
    org_admins(participation, "Google")
    client.force_login(org_admin)

    response = client.post(URL, rule(2, two_affiliations=True), follow=True)

    participation.refresh_from_db()
    assert participation.idea_approvals_required == 2
    assert participation.idea_approvals_from_two_affiliations is True
    assert response.redirect_chain[0][0] == QUEUE
    page = response.content.decode()
    assert "Ideas now need 2 approvals." in page
    assert "fewer than" not in page


def test_it_warns_when_fewer_org_admins_exist_than_required(client, participation, org_admin):
    client.force_login(org_admin)

    response = client.post(URL, rule(3), follow=True)

    assert "has 1 active org admin, fewer than the 3 approvals required" in (
        response.content.decode()
    )


def test_one_approval_and_two_admins_are_counted_in_words(client, participation, org_admin):
    client.force_login(org_admin)

    page = client.post(URL, rule(1), follow=True).content.decode()

    assert "Ideas now need 1 approval." in page
    assert "(s)" not in page


def test_lowering_the_rule_approves_ideas_that_now_meet_it(
    client, participation, mentor, org_admin
):
    participation.idea_approvals_required = 3
    participation.save()
    idea = idea_in(participation, mentor, status=ProjectIdea.Status.SUBMITTED, title="Ready")
    IdeaReview.objects.create(idea=idea, reviewer=org_admin, revision=1, verdict="approve")
    client.force_login(org_admin)

    response = client.post(URL, rule(1), follow=True)

    idea.refresh_from_db()
    assert idea.status == ProjectIdea.Status.APPROVED
    assert "Approved under the new rule: “Ready”." in response.content.decode()


@pytest.mark.parametrize("required", ["0", "11", "many"])
def test_a_bad_number_is_refused_and_kept(client, participation, org_admin, required):
    client.force_login(org_admin)

    response = client.post(URL, rule(required))

    assert response.status_code == 200
    assert response.context["rule_form"]["approvals_required"].value() == required
    assert response.context["rule_form"].errors
    participation.refresh_from_db()
    assert participation.idea_approvals_required == 1


@pytest.mark.parametrize("person", ["mentor", "program_admin"])
def test_mentors_and_program_admins_are_forbidden(request, client, participation, person):
    client.force_login(request.getfixturevalue(person))

    assert client.post(URL, rule(2)).status_code == 403
    participation.refresh_from_db()
    assert participation.idea_approvals_required == 1


@pytest.mark.parametrize("person", ["applicant", "outsider"])
def test_people_outside_the_organization_are_not_found(request, client, participation, person):
    client.force_login(request.getfixturevalue(person))

    assert client.post(URL, rule(2)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, participation):
    response = client.post(URL, rule(2))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_only_answers_post(client, participation, org_admin):
    client.force_login(org_admin)

    assert client.get(URL).status_code == 405
