"""Contributions: recorded by an applicant to an accepted organization until the deadline,
confirmed or rejected by a mentor of that organization (the applicant told once per
verdict), set back to "not reviewed yet" when changed after a verdict, and counted against
the organization's gate."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications import reminders
from applications.models import Contribution
from applications.services.contributions import (
    contribution_record,
    contribution_review,
    contribution_update,
    gate_standing,
    gate_standings,
)
from notifications.models import Message
from notifications.outbox import enqueue_dues
from people.dates import moment_for
from programs.models import Participation
from tests.factories import ContributionFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
State = Contribution.State
Verdict = Contribution.Verdict
MR = "https://gitlab.com/qemu-project/qemu/-/merge_requests/1"


def record(applicant, participation, **fields):
    return contribution_record(
        applicant=applicant,
        participation=participation,
        **{"url": MR, "description": "Fixes the manual.", **fields},
    )


def test_an_applicant_records_a_contribution_accepted_upstream(applicant, participation):
    today = timezone.now().date()

    contribution = record(applicant, participation, state=State.ACCEPTED, accepted_at=today)

    assert (contribution.state, contribution.accepted_at) == (State.ACCEPTED, today)
    assert contribution.verdict == Verdict.UNREVIEWED


def test_a_submitted_contribution_drops_an_acceptance_date(applicant, participation):
    contribution = record(applicant, participation, accepted_at=date(2020, 1, 1))

    assert contribution.accepted_at is None


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"url": "javascript:alert(1)"}, "https:// or http://"),
        ({"url": "ftp://example.org/patch"}, "https:// or http://"),
        ({"description": "  "}, "what the contribution does"),
        ({"state": State.ACCEPTED}, "date it was accepted"),
        ({"state": "merged"}, "submitted or accepted"),
    ],
)
def test_bad_input_is_refused_with_the_reason(applicant, participation, fields, reason):
    with pytest.raises(ValidationError, match=reason):
        record(applicant, participation, **fields)

    assert not Contribution.objects.exists()


def test_an_acceptance_in_the_future_is_refused(applicant, participation):
    tomorrow = timezone.now().date() + timedelta(days=2)

    with pytest.raises(ValidationError, match="cannot be in the future"):
        record(applicant, participation, state=State.ACCEPTED, accepted_at=tomorrow)


def test_only_accepted_organizations_take_contributions(applicant, round_):
    waiting = ParticipationFactory(round=round_, status=Participation.Status.APPLIED)

    with pytest.raises(ValidationError, match="not taking part"):
        record(applicant, waiting)


def test_the_organizations_own_mentors_record_none_there(mentor, participation):
    with pytest.raises(ValidationError, match="not an applicant's contribution"):
        record(mentor, participation)


def test_recording_a_second_before_the_deadline_is_accepted_and_after_it_refused(
    applicant, participation
):
    deadline = participation.round.applications_close
    with time_machine.travel(deadline - timedelta(seconds=1), tick=False):
        record(applicant, participation)

    with (
        time_machine.travel(deadline + timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError) as refused,
    ):
        record(applicant, participation)

    assert moment_for(applicant, deadline) in refused.value.messages[0]
    assert Contribution.objects.count() == 1


# --- A mentor's verdict ---------------------------------------------------------------------


def review(contribution, by, verdict, capture):
    with capture(execute=True):
        return contribution_review(contribution=contribution, by=by, verdict=verdict)


def test_a_mentor_confirms_and_the_applicant_is_told_once(
    applicant, participation, mentor, django_capture_on_commit_callbacks
):
    contribution = record(applicant, participation)

    confirmed = review(contribution, mentor, Verdict.CONFIRMED, django_capture_on_commit_callbacks)
    review(contribution, mentor, Verdict.CONFIRMED, django_capture_on_commit_callbacks)

    assert (confirmed.verdict, confirmed.reviewed_by) == (Verdict.CONFIRMED, mentor)
    assert confirmed.reviewed_at is not None
    message = Message.objects.get()
    assert (message.kind, message.recipient) == ("contribution_confirmed", applicant)
    assert [email.to for email in mail.outbox] == [[applicant.email]]
    assert "Mira Mentor of QEMU confirmed your contribution" in mail.outbox[0].body
    assert MR in mail.outbox[0].body
    reviewed = moment_for(applicant, confirmed.reviewed_at)
    assert reviewed.endswith("IST")  # the moment in the applicant's zone, not the mentor's
    assert reviewed in mail.outbox[0].body


def test_a_rejection_after_a_confirmation_is_a_second_notice(
    applicant, participation, mentor, org_admin, django_capture_on_commit_callbacks
):
    contribution = record(applicant, participation)
    review(contribution, mentor, Verdict.CONFIRMED, django_capture_on_commit_callbacks)

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        review(contribution, org_admin, Verdict.REJECTED, django_capture_on_commit_callbacks)

    assert sorted(Message.objects.values_list("kind", flat=True)) == [
        "contribution_confirmed",
        "contribution_rejected",
    ]
    assert len(mail.outbox) == 2
    assert "rejected your contribution" in mail.outbox[1].body


def test_the_same_notice_enqueued_twice_is_one_message(
    applicant, participation, mentor, django_capture_on_commit_callbacks
):

    contribution = review(
        record(applicant, participation),
        mentor,
        Verdict.CONFIRMED,
        django_capture_on_commit_callbacks,
    )
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_dues(reminders.contribution_reviewed(contribution))

    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("who", ["outsider", "program_admin", "applicant"])
def test_only_the_organizations_mentors_give_a_verdict(applicant, participation, request, who):
    contribution = record(applicant, participation)
    person = request.getfixturevalue(who)

    with pytest.raises(ValidationError, match="Only the organization's mentors"):
        contribution_review(contribution=contribution, by=person, verdict=Verdict.CONFIRMED)

    assert not Message.objects.exists()


def test_a_verdict_is_confirm_or_reject(applicant, participation, mentor):
    contribution = record(applicant, participation)

    with pytest.raises(ValidationError, match="Confirm or reject"):
        contribution_review(contribution=contribution, by=mentor, verdict=Verdict.UNREVIEWED)


# --- Changes by the applicant ---------------------------------------------------------------


def test_a_change_after_a_verdict_sets_it_back_to_not_reviewed(applicant, participation, mentor):
    contribution = record(applicant, participation)
    contribution_review(contribution=contribution, by=mentor, verdict=Verdict.CONFIRMED)

    changed = contribution_update(
        contribution=contribution,
        by=applicant,
        url=MR,
        description="Fixes the manual.",
        state=State.ACCEPTED,
        accepted_at=timezone.now().date(),
    )

    assert changed.verdict == Verdict.UNREVIEWED
    assert (changed.reviewed_by, changed.reviewed_at) == (None, None)


def test_saving_without_a_change_keeps_the_verdict(applicant, participation, mentor):
    contribution = record(applicant, participation)
    contribution_review(contribution=contribution, by=mentor, verdict=Verdict.CONFIRMED)

    kept = contribution_update(
        contribution=contribution,
        by=applicant,
        url=MR,
        description="Fixes the manual.",
        state=State.SUBMITTED,
    )

    assert kept.verdict == Verdict.CONFIRMED


def test_only_its_applicant_changes_a_contribution(applicant, participation, mentor):
    contribution = record(applicant, participation)

    with pytest.raises(ValidationError, match="Only the applicant"):
        contribution_update(
            contribution=contribution, by=mentor, url=MR, description="Mine.", state="submitted"
        )


def test_a_change_after_the_deadline_is_refused(applicant, participation):
    contribution = record(applicant, participation)

    with (
        time_machine.travel(
            participation.round.applications_close + timedelta(seconds=1), tick=False
        ),
        pytest.raises(ValidationError, match="can no longer be recorded or changed"),
    ):
        contribution_update(
            contribution=contribution, by=applicant, url=MR, description="Late.", state="submitted"
        )


# --- The gate -------------------------------------------------------------------------------


@pytest.fixture
def gated(participation):
    participation.gate_contributions = 1
    participation.gate_deadline = timezone.now() + timedelta(days=3)
    participation.save()
    return participation


def test_without_a_gate_there_is_nothing_to_meet(applicant, participation):
    standing = gate_standing(applicant, participation)

    assert (standing.has_gate, standing.count, standing.required, standing.met) == (
        False,
        0,
        0,
        True,
    )


def test_the_gate_counts_accepted_contributions_confirmed_by_a_mentor(applicant, gated):
    ContributionFactory(applicant=applicant, participation=gated, accepted=True)  # unreviewed
    ContributionFactory(applicant=applicant, participation=gated, confirmed=True)  # submitted
    assert gate_standing(applicant, gated).count == 0

    ContributionFactory(applicant=applicant, participation=gated, accepted=True, confirmed=True)

    standing = gate_standing(applicant, gated)
    assert (standing.count, standing.required, standing.met) == (1, 1, True)
    assert standing.deadline == gated.gate_deadline


def test_a_contribution_accepted_after_the_gate_deadline_does_not_count(applicant, gated):
    ContributionFactory(
        applicant=applicant,
        participation=gated,
        accepted=True,
        confirmed=True,
        accepted_at=gated.gate_deadline.date() + timedelta(days=1),
    )

    assert gate_standing(applicant, gated).met is False


def test_standings_for_several_organizations_take_one_query(
    applicant, gated, round_, django_assert_num_queries
):
    other = ParticipationFactory(
        round=round_, gate_contributions=2, gate_deadline=timezone.now() + timedelta(days=1)
    )
    ungated = ParticipationFactory(round=round_)
    for _ in range(2):
        ContributionFactory(applicant=applicant, participation=other, accepted=True, confirmed=True)

    with django_assert_num_queries(1):
        standings = gate_standings(applicant, [gated, other, ungated])

    assert [(s.count, s.required, s.met) for s in standings.values()] == [
        (0, 1, False),
        (2, 2, True),
        (0, 0, True),
    ]
