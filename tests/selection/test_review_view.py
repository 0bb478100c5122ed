"""One proposal's review page: the viewer's own score and comment (or marks on the
organization's criteria), the others' reviews once the viewer gave their own, flags, the
committed mentors; for org admins, the applicant's proposals elsewhere as counts of states.

Access: the organization's mentors and org admins review (200); program admins read (200 on
GET, 403 on POST); another organization's mentor and the applicant get 404 (the applicant
reads their proposal at its own address, where nothing of the review shows).
"""

import pytest
from django.urls import reverse

from applications.models import Proposal
from programs.timeline import Phase
from selection.models import Mark, Review
from tests.factories import (
    ApplicationFactory,
    CriterionFactory,
    MembershipFactory,
    ParticipationFactory,
    ProjectIdeaFactory,
    ProposalFactory,
    ReviewFactory,
    UserFactory,
)
from tests.selection.review_world import in_review, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(participation, applicant):
    in_review(participation.round)
    return submitted(participation, applicant=applicant, title="Incremental backups")


def url(proposal):
    participation = proposal.idea.participation
    return reverse(
        "selection:review",
        args=[participation.round.slug, participation.organization.slug, proposal.pk],
    )


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("outsider", 404),
        ("applicant", 404),
        ("mentor", 200),
        ("org_admin", 200),
        ("program_admin", 200),
    ],
)
def test_the_organizations_people_and_program_admins_read_it(
    client, proposal, request, viewer, status
):
    client.force_login(request.getfixturevalue(viewer))
    assert client.get(url(proposal)).status_code == status


@pytest.mark.parametrize(("viewer", "status"), [("program_admin", 403), ("outsider", 404)])
def test_only_mentors_and_org_admins_give_a_review(client, proposal, request, viewer, status):
    client.force_login(request.getfixturevalue(viewer))

    response = client.post(url(proposal), {"score": "4", "comment": "Good."})

    assert response.status_code == status
    assert not Review.objects.exists()


def test_a_mentor_gives_a_score_and_a_comment(client, proposal, mentor):
    client.force_login(mentor)

    response = client.post(url(proposal), {"score": "4", "comment": "Clear plan."})

    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.mentor, review.score, review.comment) == (mentor, 4, "Clear plan.")


def test_a_bad_review_keeps_what_was_typed(client, proposal, mentor):
    client.force_login(mentor)

    response = client.post(url(proposal), {"score": "9", "comment": "Keep this text."})

    assert response.status_code == 400
    assert "Keep this text." in response.content.decode()
    assert not Review.objects.exists()


def test_a_comment_too_long_is_refused(client, proposal, mentor):
    client.force_login(mentor)

    response = client.post(url(proposal), {"score": "3", "comment": "x" * 5001})

    assert response.status_code == 400


def test_with_criteria_the_form_asks_a_mark_for_each(client, participation, proposal, mentor):
    clarity = CriterionFactory(participation=participation, name="Clarity", weight=3)
    schedule = CriterionFactory(participation=participation, name="Schedule", weight=1)
    client.force_login(mentor)

    page = client.get(url(proposal)).content.decode()
    client.post(url(proposal), {f"mark_{clarity.pk}": "4", f"mark_{schedule.pk}": "1"})

    assert "Clarity (weight 3)" in page and "Schedule (weight 1)" in page
    assert Review.objects.get().score == pytest.approx(3.25)


def test_a_mentor_sees_no_other_score_or_comment_before_giving_their_own(
    client, participation, proposal, mentor, org_admin
):
    ReviewFactory(proposal=proposal, mentor=org_admin, score=2, comment="Too vague for me.")
    client.force_login(mentor)

    before = client.get(url(proposal)).content.decode()
    client.post(url(proposal), {"score": "5", "comment": ""})
    after = client.get(url(proposal)).content.decode()

    assert "Too vague for me." not in before
    assert "Olga Orgadmin" not in before
    assert "other review: you see it once you gave your own score." in before
    assert "Too vague for me." in after
    assert 'Average score: <span class="num">3.50</span>' in after


def test_org_admins_see_the_others_scores_at_once(client, proposal, mentor, org_admin):
    ReviewFactory(proposal=proposal, mentor=mentor, score=2, comment="Too vague for me.")
    client.force_login(org_admin)

    assert "Too vague for me." in client.get(url(proposal)).content.decode()


def test_org_admins_see_the_applicants_proposals_elsewhere_as_counts_not_contents(
    client, participation, proposal, applicant, mentor, org_admin
):
    other = ParticipationFactory(round=participation.round)
    application = proposal.application
    ProposalFactory(
        application=application,
        idea=ProjectIdeaFactory(participation=other),
        submitted=True,
        title="Secret plan elsewhere",
    )
    ProposalFactory(
        application=application,
        idea=ProjectIdeaFactory(participation=other),
        title="A draft elsewhere",
    )
    client.force_login(org_admin)

    page = client.get(url(proposal)).content.decode()
    client.force_login(mentor)
    mentors_page = client.get(url(proposal)).content.decode()

    assert '<span class="num">1</span> submitted' in page
    assert "Secret plan elsewhere" not in page
    assert "A draft elsewhere" not in page
    assert "other organizations" not in mentors_page


def test_a_draft_is_not_found(client, participation, mentor):
    in_review(participation.round)
    draft = ProposalFactory(
        application=ApplicationFactory(round=participation.round),
        idea=ProjectIdeaFactory(participation=participation),
    )
    client.force_login(mentor)

    assert client.get(url(draft)).status_code == 404


def test_a_withdrawn_proposal_is_shown_without_the_form(client, proposal, mentor):
    Proposal.objects.filter(pk=proposal.pk).update(
        status="withdrawn", withdrawn_at=proposal.submitted_at
    )
    client.force_login(mentor)

    page = client.get(url(proposal)).content.decode()

    assert "withdrawn" in page
    assert "Save your review" not in page


def test_after_the_results_the_page_is_read_only(client, participation, proposal, mentor):
    ReviewFactory(proposal=proposal, mentor=mentor, score=4)
    in_review(participation.round, Phase.COMMUNITY_BONDING)
    client.force_login(mentor)

    page = client.get(url(proposal)).content.decode()
    response = client.post(url(proposal), {"score": "1", "comment": ""})

    assert "read-only" in page
    assert "Change your review" not in page
    assert response.status_code == 400
    assert Review.objects.get().score == 4


def test_the_proposals_own_page_links_the_organization_to_its_review(
    client, proposal, mentor, applicant
):
    address = reverse("applications:proposal", args=["gsoc-2027", proposal.pk])
    client.force_login(mentor)
    mentors_view = client.get(address).content.decode()
    client.force_login(applicant)
    applicants_view = client.get(address).content.decode()

    assert url(proposal) in mentors_view
    assert url(proposal) not in applicants_view


@pytest.mark.parametrize("reviewers", [1, 8])
def test_its_queries_do_not_grow_with_reviews(
    client, participation, proposal, org_admin, django_assert_num_queries, reviewers
):
    criteria = [CriterionFactory(participation=participation) for _ in range(2)]
    for _ in range(reviewers):
        person = UserFactory()
        MembershipFactory(participation=participation, user=person)
        review = ReviewFactory(proposal=proposal, mentor=person)
        Mark.objects.bulk_create(Mark(review=review, criterion=c, score=3) for c in criteria)
    client.force_login(org_admin)
    # Session, user, participation, roles, the proposal; its criteria, reviews, their marks
    # and criteria, committed mentors, candidacy; the applicant's proposals elsewhere.
    with django_assert_num_queries(12):
        response = client.get(url(proposal))
    assert response.status_code == 200
