import pytest
from django.core.exceptions import ValidationError

from programs.models import Participation
from projects.models import IdeaEvent, IdeaReview, ProjectIdea
from projects.services.ideas import idea_submit, idea_update
from projects.services.reviews import Tally, idea_review, tally_for
from tests.factories import UserFactory
from tests.projects.authoring import content, idea_in, org_admins

pytestmark = pytest.mark.django_db
Status = ProjectIdea.Status


def _rule(participation, required: int, two_affiliations: bool = False) -> None:
    Participation.objects.filter(pk=participation.pk).update(
        idea_approvals_required=required, idea_approvals_from_two_affiliations=two_affiliations
    )


@pytest.fixture
def waiting(participation, mentor):
    return idea_in(participation, mentor, status=Status.SUBMITTED, revision=1)


def test_one_approval_approves_when_one_is_required(waiting, org_admin):
    review = idea_review(idea=waiting, reviewer=org_admin, verdict="approve")

    waiting.refresh_from_db()
    assert waiting.status == Status.APPROVED
    assert waiting.approved_at is not None
    assert (review.revision, review.reviewer) == (1, org_admin)
    event = IdeaEvent.objects.get()
    assert (event.actor, event.from_status, event.to_status) == (org_admin, "submitted", "approved")
    assert event.comment == "Approved by Olga Orgadmin."


def test_with_three_required_the_third_distinct_approval_approves(participation, waiting):
    _rule(participation, 3)
    first, second, third = org_admins(participation, "Red Hat", "Google", "Amazon")

    idea_review(idea=waiting, reviewer=first, verdict="approve")
    idea_review(idea=waiting, reviewer=second, verdict="approve")
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED

    idea_review(idea=waiting, reviewer=third, verdict="approve")
    waiting.refresh_from_db()
    assert waiting.status == Status.APPROVED
    assert IdeaEvent.objects.filter(to_status=Status.APPROVED).count() == 1


def test_the_checklist_is_kept_with_the_verdict(waiting, org_admin):
    review = idea_review(
        idea=waiting,
        reviewer=org_admin,
        verdict="approve",
        checklist={"well_defined": True, "incremental": True, "unknown": True},
    )

    assert (review.well_defined, review.self_contained) == (True, False)
    assert (review.uncontroversial, review.incremental) == (False, True)


def test_asking_for_changes_moves_the_idea_at_once_with_the_comment(waiting, org_admin):
    idea_review(idea=waiting, reviewer=org_admin, verdict="changes", comment=" Split it. ")

    waiting.refresh_from_db()
    assert waiting.status == Status.CHANGES_REQUESTED
    event = IdeaEvent.objects.get()
    assert (event.to_status, event.comment, event.actor) == (
        "changes_requested",
        "Split it.",
        org_admin,
    )


def test_rejecting_moves_the_idea_at_once_with_the_comment(participation, waiting):
    _rule(participation, 3)
    (admin,) = org_admins(participation, "Red Hat")

    idea_review(idea=waiting, reviewer=admin, verdict="reject", comment="Out of scope.")

    waiting.refresh_from_db()
    assert waiting.status == Status.REJECTED
    assert IdeaEvent.objects.get().comment == "Out of scope."


@pytest.mark.parametrize("verdict", ["changes", "reject"])
def test_changes_and_rejection_need_a_comment(waiting, org_admin, verdict):
    with pytest.raises(ValidationError, match="Say"):
        idea_review(idea=waiting, reviewer=org_admin, verdict=verdict, comment="   ")
    assert not IdeaReview.objects.exists()
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED


def test_an_org_admin_who_mentors_the_idea_cannot_approve_it(participation, org_admin):
    idea = idea_in(participation, org_admin, status=Status.SUBMITTED)

    with pytest.raises(ValidationError, match="You mentor this idea"):
        idea_review(idea=idea, reviewer=org_admin, verdict="approve")
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED
    assert not IdeaReview.objects.exists()


@pytest.mark.parametrize("person", ["mentor", "program_admin", "outsider"])
def test_only_org_admins_review(request, waiting, person):
    with pytest.raises(ValidationError, match="Only the organization's admins"):
        idea_review(idea=waiting, reviewer=request.getfixturevalue(person), verdict="approve")


def test_a_second_verdict_on_the_same_revision_is_refused(participation, waiting, org_admin):
    _rule(participation, 2)
    idea_review(idea=waiting, reviewer=org_admin, verdict="approve")

    with pytest.raises(ValidationError, match="already gave your verdict"):
        idea_review(idea=waiting, reviewer=org_admin, verdict="reject", comment="Changed my mind")
    assert IdeaReview.objects.count() == 1
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.CHANGES_REQUESTED, Status.APPROVED, Status.WITHDRAWN]
)
def test_only_ideas_waiting_for_review_are_reviewed(participation, mentor, org_admin, status):
    idea = idea_in(participation, mentor, status=status)

    with pytest.raises(ValidationError, match="only ideas waiting for review"):
        idea_review(idea=idea, reviewer=org_admin, verdict="approve")


def test_approvals_start_again_on_a_new_revision(participation, mentor, waiting, org_admin):
    _rule(participation, 2)
    other, third = org_admins(participation, "Google", "Amazon")
    idea_review(idea=waiting, reviewer=org_admin, verdict="approve")
    idea_review(idea=waiting, reviewer=other, verdict="changes", comment="Add a schedule.")
    idea_submit(idea=waiting, by=mentor)
    waiting.refresh_from_db()
    assert waiting.revision == 2
    assert tally_for(waiting).count == 0

    idea_review(idea=waiting, reviewer=third, verdict="approve")
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED  # Olga's approval was for revision 1

    idea_review(idea=waiting, reviewer=org_admin, verdict="approve")
    waiting.refresh_from_db()
    assert waiting.status == Status.APPROVED


def test_an_approved_idea_changed_needs_its_approvals_again(participation, mentor, org_admin):
    idea = idea_in(participation, mentor, status=Status.SUBMITTED)
    idea_review(idea=idea, reviewer=org_admin, verdict="approve")
    idea.refresh_from_db()

    idea_update(idea=idea, by=mentor, content=content(mentor, title="Changed"))

    idea.refresh_from_db()
    assert (idea.status, idea.revision, tally_for(idea).count) == (Status.SUBMITTED, 2, 0)
    idea_review(idea=idea, reviewer=org_admin, verdict="approve")
    idea.refresh_from_db()
    assert idea.status == Status.APPROVED


def test_two_affiliations_are_needed_when_the_organization_asks(participation, waiting):
    _rule(participation, 2, two_affiliations=True)
    red_hat, red_hat_too, unknown, google = org_admins(
        participation, "Red Hat", " red hat ", "", "Google"
    )

    for admin in (red_hat, red_hat_too, unknown):
        idea_review(idea=waiting, reviewer=admin, verdict="approve")
        waiting.refresh_from_db()
        assert waiting.status == Status.SUBMITTED

    idea_review(idea=waiting, reviewer=google, verdict="approve")
    waiting.refresh_from_db()
    assert waiting.status == Status.APPROVED


def test_an_approver_later_made_co_mentor_no_longer_counts(participation, mentor, waiting):
    _rule(participation, 2)
    first, second = org_admins(participation, "Red Hat", "Google")
    idea_review(idea=waiting, reviewer=first, verdict="approve")
    waiting.mentors.create(user=first, position=1)

    idea_review(idea=waiting, reviewer=second, verdict="approve")

    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED


def _users(*affiliations: str) -> tuple:
    return tuple(UserFactory.build(affiliation=a) for a in affiliations)


@pytest.mark.parametrize(
    ("affiliations", "required", "two", "met"),
    [
        (("A",), 1, False, True),
        (("A", "A"), 3, False, False),
        (("A", "a "), 2, True, False),
        (("A", ""), 2, True, False),
        (("", ""), 2, True, False),
        (("A", "B"), 2, True, True),
        (("A", "", "B"), 3, True, True),
    ],
)
def test_the_rule_counts_people_and_known_affiliations(affiliations, required, two, met):
    assert Tally(_users(*affiliations), required, two).is_met is met
