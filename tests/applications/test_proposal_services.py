"""The proposal services: a draft with the coding period's weeks, saving and submitting to
the second of the deadline (named in the applicant's zone), the cap counting submitted
proposals only, withdrawing and applying again, the order, and an org admin's exception."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications.models import Proposal
from applications.services.proposals import (
    proposal_exception_grant,
    proposal_move,
    proposal_save,
    proposal_start,
    proposal_submit,
    proposal_withdraw,
)
from tests.applications.proposal_world import SECOND, at, content
from tests.factories import ApplicationFactory, MembershipFactory, ProjectIdeaFactory

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def _kolkata(moment) -> str:
    """Ana lives in Asia/Kolkata: 18:00 UTC is 23:30 IST."""
    return moment.astimezone(timezone.get_fixed_timezone(330)).strftime("%a %d %b %Y, 23:30 IST")


@pytest.mark.parametrize(("hours", "weeks"), [(175, 12), (90, 6), (350, 24), (10_000, 52)])
def test_where_the_rules_give_a_weeks_hours_the_schedule_follows_the_ideas_size(
    application, idea, round_, hours, weeks
):
    round_.rules.schedule_hours_per_week = 15
    round_.rules.save()
    idea.expected_hours = hours
    idea.save()

    draft = proposal_start(applicant=application.applicant, idea=idea)

    assert draft.weeks.count() == weeks
    assert draft.weeks.get(number=weeks).starts_on == round_.coding_start.date() + timedelta(
        weeks=weeks - 1
    )


def test_an_idea_without_a_size_keeps_the_coding_periods_weeks(application, idea, round_):
    round_.rules.schedule_hours_per_week = 15
    round_.rules.save()
    idea.expected_hours = None
    idea.save()

    assert proposal_start(applicant=application.applicant, idea=idea).weeks.count() == 12


def test_a_draft_has_one_row_per_week_of_a_standard_coding_period(draft, round_):
    weeks = list(draft.weeks.all())

    assert [week.number for week in weeks] == list(range(1, 13))
    assert weeks[0].starts_on == round_.coding_start.date()
    assert weeks[11].starts_on == round_.coding_start.date() + timedelta(weeks=11)
    assert draft.status == Status.DRAFT
    assert draft.title == "Disk backup tool"


def test_starting_twice_reopens_the_same_draft(draft, application, idea):
    assert proposal_start(applicant=application.applicant, idea=idea) == draft
    assert Proposal.objects.count() == 1


def test_starting_needs_the_application_first(applicant, idea):
    with pytest.raises(ValidationError, match="Fill in your application"):
        proposal_start(applicant=applicant, idea=idea)


def test_the_organizations_own_people_cannot_apply_to_its_ideas(mentor, round_, idea):
    ApplicationFactory(applicant=mentor, round=round_)
    with pytest.raises(ValidationError, match="take part in this organization"):
        proposal_start(applicant=mentor, idea=idea)


def test_an_unpublished_idea_takes_no_proposals(application, participation):
    hidden = ProjectIdeaFactory(participation=participation, status="draft")
    with pytest.raises(ValidationError, match="not open for proposals"):
        proposal_start(applicant=application.applicant, idea=hidden)


def test_an_adopted_custom_idea_takes_its_proposers_proposal(application, participation):
    custom = ProjectIdeaFactory(
        participation=participation, status="draft", proposed_by=application.applicant
    )
    assert proposal_start(applicant=application.applicant, idea=custom).idea == custom


def test_an_edit_one_second_before_the_deadline_is_saved(draft, round_):
    with at(round_.applications_close - SECOND):
        proposal_save(proposal=draft, by=draft.applicant, content=content())

    draft.refresh_from_db()
    assert draft.title == "A backup tool for QEMU disks"
    assert draft.weeks.get(number=12).deliverable == "Documentation"


def test_an_edit_one_second_after_the_deadline_is_refused_in_the_applicants_zone(draft, round_):
    with at(round_.applications_close + SECOND), pytest.raises(ValidationError) as refused:
        proposal_save(proposal=draft, by=draft.applicant, content=content())

    assert _kolkata(round_.applications_close) in refused.value.messages[0]
    draft.refresh_from_db()
    assert draft.title == "Disk backup tool"


def _ready(proposal):
    proposal_save(proposal=proposal, by=proposal.applicant, content=content())
    proposal.refresh_from_db()
    return proposal


def test_a_submission_one_second_before_the_deadline_is_accepted(draft, round_):
    _ready(draft)
    moment = round_.applications_close - SECOND
    with at(moment):
        proposal_submit(proposal=draft, by=draft.applicant)

    draft.refresh_from_db()
    assert (draft.status, draft.submitted_at, draft.preference) == (Status.SUBMITTED, moment, 1)


def test_a_submission_one_second_after_the_deadline_is_refused(draft, round_):
    _ready(draft)
    with at(round_.applications_close + SECOND), pytest.raises(ValidationError) as refused:
        proposal_submit(proposal=draft, by=draft.applicant)

    assert _kolkata(round_.applications_close) in refused.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_ineligible_applicant_cannot_submit(draft, application, program_admin):
    _ready(draft)
    application.ineligible_reason = "You are not enrolled in a university."
    application.marked_ineligible_at = timezone.now()
    application.save()

    with pytest.raises(ValidationError, match="not enrolled"):
        proposal_submit(proposal=draft, by=draft.applicant)


def test_an_empty_proposal_is_not_submitted(draft):
    draft.problem = ""
    draft.save()
    with pytest.raises(ValidationError, match="problem description"):
        proposal_submit(proposal=draft, by=draft.applicant)


def _drafts(application, participation, count):
    ideas = [ProjectIdeaFactory(participation=participation) for _ in range(count)]
    return [_ready(proposal_start(applicant=application.applicant, idea=i)) for i in ideas]


def test_the_cap_counts_submitted_proposals_and_not_withdrawn_ones(application, participation):
    round_ = application.round
    round_.rules.max_proposals_per_applicant = 2
    round_.rules.save()
    first, second, third = _drafts(application, participation, 3)
    proposal_submit(proposal=first, by=first.applicant)
    proposal_submit(proposal=second, by=second.applicant)

    with pytest.raises(ValidationError, match=r"the most it allows \(2\)"):
        proposal_submit(proposal=third, by=third.applicant)

    proposal_withdraw(proposal=first, by=first.applicant)
    proposal_submit(proposal=third, by=third.applicant)
    assert Proposal.objects.submitted().count() == 2


def test_drafts_do_not_count_against_the_cap(application, participation):
    application.round.rules.max_proposals_per_applicant = 1
    application.round.rules.save()
    first, _second = _drafts(application, participation, 2)

    proposal_submit(proposal=first, by=first.applicant)

    assert Proposal.objects.submitted().get() == first


def test_after_withdrawing_they_apply_again_to_the_same_idea(draft, application, idea):
    proposal_withdraw(proposal=draft, by=draft.applicant)

    again = proposal_start(applicant=application.applicant, idea=idea)

    assert again != draft
    assert again.weeks.count() == 12
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN


def test_withdrawing_renumbers_the_order(application, participation):
    proposals = _drafts(application, participation, 3)
    for proposal in proposals:
        proposal_submit(proposal=proposal, by=proposal.applicant)

    proposal_withdraw(proposal=proposals[0], by=application.applicant)

    ordered = Proposal.objects.submitted().order_by("preference")
    assert [(p.pk, p.preference) for p in ordered] == [
        (proposals[1].pk, 1),
        (proposals[2].pk, 2),
    ]


def test_moving_a_proposal_up_swaps_it_with_the_one_above(application, participation):
    first, second = _drafts(application, participation, 2)
    for proposal in (first, second):
        proposal_submit(proposal=proposal, by=proposal.applicant)

    order = proposal_move(
        application=application, by=application.applicant, proposal_pk=second.pk, up=True
    )

    assert [p.pk for p in order] == [second.pk, first.pk]
    second.refresh_from_db()
    assert second.preference == 1


def test_only_the_applicant_orders_their_proposals(application, mentor):
    with pytest.raises(ValidationError):
        proposal_move(application=application, by=mentor, proposal_pk=1, up=True)


def test_an_exception_lets_that_one_proposal_be_edited_until_its_date(
    draft, application, participation, org_admin, round_
):
    (other,) = _drafts(application, participation, 1)
    until = round_.applications_close + timedelta(days=2)
    with at(round_.applications_close + timedelta(hours=1)):
        proposal_exception_grant(
            proposal=draft, by=org_admin, until=until, reason="Their laptop broke."
        )
    draft.refresh_from_db()
    assert (draft.exception_by, draft.exception_reason) == (org_admin, "Their laptop broke.")

    with at(until - SECOND):
        proposal_save(proposal=draft, by=draft.applicant, content=content(title="Late fix"))
        with pytest.raises(ValidationError):
            proposal_save(proposal=other, by=other.applicant, content=content())
    with at(until + SECOND), pytest.raises(ValidationError) as refused:
        proposal_save(proposal=draft, by=draft.applicant, content=content(title="Too late"))

    assert _kolkata(until) in refused.value.messages[0]
    draft.refresh_from_db()
    assert draft.title == "Late fix"


def test_only_an_org_admin_grants_an_exception(draft, mentor, round_):
    with pytest.raises(ValidationError, match="organization's admins"):
        proposal_exception_grant(
            proposal=draft,
            by=mentor,
            until=round_.applications_close + timedelta(days=1),
            reason="Please.",
        )


def test_an_org_admin_of_another_organization_cannot_grant_one(draft, outsider, round_):
    MembershipFactory(participation=outsider.memberships.get().participation, role="org_admin")
    with pytest.raises(ValidationError):
        proposal_exception_grant(
            proposal=draft,
            by=outsider,
            until=round_.applications_close + timedelta(days=1),
            reason="Please.",
        )
