"""An org admin reviewing one idea against the seed's checklist.

Access: the organization's admins who do not mentor the idea. People who can see the idea but
may not review it get 403: its own mentors (an org admin among them too) and program admins.
An unpublished idea is not found (404) by anyone else; anonymous people log in first.
"""

import pytest
from django.urls import reverse

from projects.models import IdeaReview, ProjectIdea
from tests.factories import MembershipFactory
from tests.projects.authoring import idea_in

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status


@pytest.fixture
def waiting(participation, mentor):
    return idea_in(participation, mentor, status=Status.SUBMITTED, title="Disk backup tool")


def url(idea) -> str:
    return reverse("projects:idea_review", args=["gsoc-2027", "qemu", idea.slug])


def test_it_shows_the_idea_the_checklist_and_the_verdicts(client, waiting, org_admin):
    waiting.description = "Uses **QMP**.\n\n<script>alert(1)</script>"
    waiting.save()
    client.force_login(org_admin)

    response = client.get(url(waiting))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>QMP</strong>" in page
    assert "<script>alert(1)</script>" not in page
    for mark, why in (
        ("Well-defined", "The scope is clear."),
        ("Self-contained", "It has few dependencies."),
        ("Uncontroversial", "It is acceptable to the community."),
        ("Incremental", "It produces deliverables along the way."),
    ):
        assert mark in page
        assert why in page
    for verdict in ("Approve", "Ask for changes", "Reject"):
        assert verdict in page
    assert "Mira Mentor" in page


def test_only_web_addresses_become_links_for_the_reviewer(client, waiting, org_admin):
    waiting.links = [
        {"label": "Docs", "url": "https://qemu.org/docs"},
        {"label": "Trap", "url": "httpjavascript:alert(1)"},
        {"label": "Live migration", "url": "Features/LiveBlockMigration"},
    ]
    waiting.save()
    client.force_login(org_admin)

    page = client.get(url(waiting)).content.decode()

    assert 'href="https://qemu.org/docs"' in page
    assert 'href="httpjavascript' not in page
    assert 'Live migration <span class="muted">(Features/LiveBlockMigration)</span>' in page


def test_an_approval_that_meets_the_rule_approves_and_says_when_it_is_published(
    client, waiting, org_admin
):
    client.force_login(org_admin)

    response = client.post(
        url(waiting), {"verdict": "approve", "well_defined": "on", "incremental": "on"}, follow=True
    )

    waiting.refresh_from_db()
    assert waiting.status == Status.APPROVED
    review = IdeaReview.objects.get()
    assert (review.well_defined, review.self_contained, review.incremental) == (True, False, True)
    assert response.redirect_chain[0][0] == reverse(
        "projects:review_queue", args=["gsoc-2027", "qemu"]
    )
    assert "is approved and published" in response.content.decode()


def test_asking_for_changes_without_a_comment_keeps_what_was_ticked(client, waiting, org_admin):
    client.force_login(org_admin)

    response = client.post(url(waiting), {"verdict": "changes", "self_contained": "on"})

    assert response.status_code == 200
    assert "Say what should change" in response.content.decode()
    assert response.context["form"]["self_contained"].value() is True
    assert response.context["form"]["verdict"].value() == "changes"
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED


def test_rejecting_with_a_comment_rejects(client, waiting, org_admin):
    client.force_login(org_admin)

    client.post(url(waiting), {"verdict": "reject", "comment": "Not for interns."})

    waiting.refresh_from_db()
    assert waiting.status == Status.REJECTED


def test_a_second_verdict_on_the_same_revision_is_refused(
    client, participation, waiting, org_admin
):
    participation.idea_approvals_required = 2
    participation.save()
    IdeaReview.objects.create(idea=waiting, reviewer=org_admin, revision=1, verdict="approve")
    client.force_login(org_admin)

    page = client.get(url(waiting)).content.decode()
    assert "You gave your verdict on this revision (approve" in page

    response = client.post(url(waiting), {"verdict": "reject", "comment": "Hmm."})
    assert "already gave your verdict" in response.content.decode()
    assert IdeaReview.objects.count() == 1


def test_a_draft_can_be_read_but_not_reviewed(client, participation, mentor, org_admin):
    draft = idea_in(participation, mentor)
    client.force_login(org_admin)

    response = client.get(url(draft))

    assert response.status_code == 200
    assert "only ideas waiting for review can be reviewed" in response.content.decode()


def test_an_org_admin_who_mentors_the_idea_is_forbidden(client, participation, org_admin):
    idea = idea_in(participation, org_admin, status=Status.SUBMITTED)
    client.force_login(org_admin)

    assert client.get(url(idea)).status_code == 403
    assert client.post(url(idea), {"verdict": "approve"}).status_code == 403
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED


@pytest.mark.parametrize("person", ["mentor", "program_admin"])
def test_the_ideas_mentor_and_program_admins_are_forbidden(request, client, waiting, person):
    client.force_login(request.getfixturevalue(person))

    assert client.post(url(waiting), {"verdict": "approve"}).status_code == 403
    assert not IdeaReview.objects.exists()


def test_an_unpublished_idea_is_not_found_by_other_mentors(client, participation, waiting):
    client.force_login(MembershipFactory(participation=participation).user)

    assert client.get(url(waiting)).status_code == 404


@pytest.mark.parametrize("person", ["applicant", "outsider"])
def test_an_unpublished_idea_is_not_found_by_people_outside(request, client, waiting, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url(waiting)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, waiting):
    response = client.get(url(waiting))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_page_and_the_verdict_ask_for_the_reviewers_roles_once(
    client, waiting, org_admin, django_assert_num_queries
):
    """The view's access check and the service's own check read one answer per request (two
    and three lookups before roles were kept for the request)."""
    client.force_login(org_admin)
    with django_assert_num_queries(11):
        assert client.get(url(waiting)).status_code == 200
    with django_assert_num_queries(29):
        assert client.post(url(waiting), {"verdict": "approve"}).status_code == 302
