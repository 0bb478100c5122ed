"""A mentor's own ideas in an organization: state, approvals so far, history.

Access: the organization's mentors and admins; program admins 403; people outside 404;
anonymous people log in first.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import Round
from programs.schedules import dates_in_phase
from programs.timeline import Phase
from projects.models import IdeaEvent, IdeaReview, ProjectIdea
from tests.projects.authoring import idea_in, org_admins

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status
URL = reverse("projects:my_ideas", args=["gsoc-2027", "qemu"])


def test_it_lists_the_persons_ideas_with_state_approvals_and_history(
    client, participation, mentor, org_admin
):
    participation.idea_approvals_required = 3
    participation.save()
    idea = idea_in(participation, mentor, status=Status.SUBMITTED, title="Disk backup tool")
    IdeaReview.objects.create(idea=idea, reviewer=org_admin, revision=1, verdict="approve")
    IdeaEvent.objects.create(idea=idea, actor=mentor, from_status="draft", to_status="submitted")
    idea_in(participation, org_admin, title="Someone else's idea")
    client.force_login(mentor)

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Disk backup tool" in page
    assert "Waiting for review" in page
    assert 'approvals so far: <span class="num">1</span> of <span class="num">3</span>' in page
    assert "Mira Mentor:" in page
    assert " CEST</time>" in page or " CET</time>" in page  # history in Mira's zone
    assert "Someone else's idea" not in page
    assert reverse("projects:idea_edit", args=["gsoc-2027", "qemu", idea.slug]) in page


def test_after_the_ideas_date_it_says_approved_ideas_are_published_at_once(
    client, participation, mentor
):
    # The round is in its application period: the ideas date has passed.
    client.force_login(mentor)

    page = client.get(URL).content.decode()

    assert "has passed: an idea is published as soon as it is approved." in page
    assert "Approved ideas are published on" not in page


def test_before_the_ideas_date_it_names_the_day_approved_ideas_are_published(
    client, participation, mentor
):
    round_ = participation.round
    Round.objects.filter(pk=round_.pk).update(
        **dates_in_phase(Phase.IDEA_PROPOSALS, timezone.now())
    )
    client.force_login(mentor)

    page = client.get(URL).content.decode()

    assert "Approved ideas are published on <time" in page


def test_ideas_an_org_admin_wrote_for_others_are_listed_too(
    client, participation, mentor, org_admin
):
    idea_in(participation, mentor, title="Written for Mira", created_by=org_admin)
    client.force_login(org_admin)

    page = client.get(URL).content.decode()

    assert "Written for Mira" in page
    assert reverse("projects:review_queue", args=["gsoc-2027", "qemu"]) in page


def _ideas_with_history(participation, mentor, count: int) -> None:
    (reviewer,) = org_admins(participation, "Red Hat")
    for number in range(count):
        idea = idea_in(participation, mentor, status=Status.SUBMITTED, title=f"Idea {number}")
        idea.mentors.create(user=reviewer if number % 2 else None, name="Co", position=1)
        IdeaReview.objects.create(idea=idea, reviewer=reviewer, revision=1, verdict="approve")
        IdeaEvent.objects.create(idea=idea, actor=mentor, to_status="draft")
        IdeaEvent.objects.create(idea=idea, actor=reviewer, to_status="submitted")


@pytest.mark.parametrize("ideas", [2, 12])
def test_its_queries_do_not_grow_with_ideas(
    client, participation, mentor, django_assert_num_queries, ideas
):
    _ideas_with_history(participation, mentor, ideas)
    client.force_login(mentor)
    # Session, user, participation, roles (once: the permission and the page read them), ideas
    # with approvals, their co-mentors, their events.
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == ideas


def test_a_program_admin_is_forbidden(client, participation, program_admin):
    client.force_login(program_admin)

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("person", ["applicant", "outsider"])
def test_people_outside_the_organization_are_not_found(request, client, participation, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(URL).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, participation):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
