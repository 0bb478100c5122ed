"""The interview services: every rule checked whatever page calls, who did what recorded,
and the other side told."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from notifications.models import Message
from programs.models import Membership
from selection.models import Candidacy, Interview, InterviewInvitation, InterviewSlot
from selection.services.interviews import (
    MAX_OPEN_SLOTS,
    MAX_SLOTS_AT_ONCE,
    SlotRun,
    interview_book,
    interview_cancel,
    interview_invite,
    interview_move,
    interview_record,
    slot_withdraw,
    slots_publish,
)
from tests.factories import MembershipFactory
from tests.selection.interviews.world import HOUR, flagged, invited, person, slot, tomorrow_at

pytestmark = pytest.mark.django_db


def run(starts_at, count=1, minutes=60, where="https://meet.example.org/mira"):
    return SlotRun(starts_at=starts_at, count=count, length=timedelta(minutes=minutes), where=where)


def messages_of(kind):
    return list(Message.objects.filter(kind=kind).select_related("recipient"))


# --- Publishing -------------------------------------------------------------------------------


def test_a_mentor_publishes_slots_back_to_back_an_hour_each(participation, mentor):
    slots = slots_publish(participation=participation, mentor=mentor, run=run(tomorrow_at(9), 3))

    assert [(s.starts_at, s.ends_at) for s in slots] == [
        (tomorrow_at(9), tomorrow_at(10)),
        (tomorrow_at(10), tomorrow_at(11)),
        (tomorrow_at(11), tomorrow_at(12)),
    ]
    assert {s.where for s in slots} == {"https://meet.example.org/mira"}


def test_it_refuses_a_slot_in_the_past(participation, mentor):
    with pytest.raises(ValidationError, match="has passed"):
        slots_publish(participation=participation, mentor=mentor, run=run(timezone.now() - HOUR))


def test_it_refuses_more_slots_at_once_than_the_cap(participation, mentor):
    with pytest.raises(ValidationError, match=f"between 1 and {MAX_SLOTS_AT_ONCE}"):
        slots_publish(
            participation=participation,
            mentor=mentor,
            run=run(tomorrow_at(0), MAX_SLOTS_AT_ONCE + 1, minutes=30),
        )


def test_it_refuses_more_future_slots_than_the_cap(participation, mentor):
    start = tomorrow_at(0)
    InterviewSlot.objects.bulk_create(
        InterviewSlot(
            participation=participation,
            mentor=mentor,
            starts_at=start + i * HOUR,
            ends_at=start + (i + 1) * HOUR,
            where="x",
        )
        for i in range(MAX_OPEN_SLOTS)
    )
    with pytest.raises(ValidationError, match=f"{MAX_OPEN_SLOTS} is the most"):
        slots_publish(
            participation=participation,
            mentor=mentor,
            run=run(start + (MAX_OPEN_SLOTS + 1) * HOUR),
        )


def test_it_refuses_slots_overlapping_the_mentors_own(participation, mentor):
    slot(participation, mentor, tomorrow_at(10))
    with pytest.raises(ValidationError, match="would overlap"):
        slots_publish(participation=participation, mentor=mentor, run=run(tomorrow_at(9, 30), 1))


def test_it_refuses_an_unknown_length_and_an_empty_place(participation, mentor):
    with pytest.raises(ValidationError, match="A slot lasts"):
        slots_publish(participation=participation, mentor=mentor, run=run(tomorrow_at(9), 1, 7))
    with pytest.raises(ValidationError, match="Say where"):
        slots_publish(
            participation=participation, mentor=mentor, run=run(tomorrow_at(9), where="  ")
        )


def test_only_the_organizations_mentors_and_admins_publish(
    participation, outsider, program_admin, applicant
):
    for person_ in (outsider, program_admin, applicant):
        with pytest.raises(ValidationError, match="Only the organization's mentors"):
            slots_publish(participation=participation, mentor=person_, run=run(tomorrow_at(9)))


# --- Withdrawing ------------------------------------------------------------------------------


def test_a_free_slot_is_deleted(free_slot, mentor):
    slot_withdraw(slot=free_slot, by=mentor)

    assert not InterviewSlot.objects.filter(pk=free_slot.pk).exists()


def test_a_booked_slot_must_be_cancelled_first(free_slot, invitation, mentor, applicant):
    interview_book(slot=free_slot, applicant=applicant)

    with pytest.raises(ValidationError, match="cancel the interview first"):
        slot_withdraw(slot=free_slot, by=mentor)


def test_a_slot_with_a_cancelled_booking_is_withdrawn_and_keeps_its_record(
    free_slot, invitation, mentor, applicant
):
    booked = interview_book(slot=free_slot, applicant=applicant)
    interview_cancel(interview=booked, by=applicant)

    slot_withdraw(slot=free_slot, by=mentor)

    free_slot.refresh_from_db()
    assert free_slot.withdrawn_at is not None
    assert Interview.objects.get(pk=booked.pk).status == Interview.Status.CANCELLED


def test_another_mentor_cannot_delete_a_slot(free_slot, participation):
    other = person("max@example.org")
    MembershipFactory(participation=participation, user=other, role=Membership.Role.MENTOR)

    with pytest.raises(ValidationError, match="Only the slot's mentor"):
        slot_withdraw(slot=free_slot, by=other)


# --- Inviting ---------------------------------------------------------------------------------


def test_a_mentor_invites_a_flagged_applicant_who_is_told(participation, mentor, applicant):
    candidacy = flagged(participation, applicant, by=mentor)

    invitation = interview_invite(candidacy=candidacy, mentor=mentor, message="Hello Ana")

    assert (invitation.mentor, invitation.message) == (mentor, "Hello Ana")
    (message,) = messages_of("interview_invitation")
    assert message.recipient == applicant
    assert "Mira Mentor" in message.subject


def test_it_refuses_to_invite_an_applicant_not_flagged(participation, mentor, applicant):
    candidacy = flagged(participation, applicant)
    Candidacy.objects.filter(pk=candidacy.pk).update(interview_flagged_at=None)
    candidacy.refresh_from_db()

    with pytest.raises(ValidationError, match="Flag the proposal"):
        interview_invite(candidacy=candidacy, mentor=mentor)


def test_it_refuses_to_invite_a_proposal_set_aside(participation, mentor, applicant):
    candidacy = flagged(participation, applicant)
    Candidacy.objects.filter(pk=candidacy.pk).update(
        set_aside=Candidacy.SetAside.SPAM, set_aside_at=timezone.now()
    )

    with pytest.raises(ValidationError, match="no longer in the running"):
        interview_invite(candidacy=candidacy, mentor=mentor)


def test_it_refuses_a_second_invitation_by_the_same_mentor(invitation, mentor):
    with pytest.raises(ValidationError, match="already invited"):
        interview_invite(candidacy=invitation.candidacy, mentor=mentor)


def test_a_mentor_of_another_organization_cannot_invite(invitation, outsider):
    with pytest.raises(ValidationError, match="Only the organization's mentors"):
        interview_invite(candidacy=invitation.candidacy, mentor=outsider)


# --- Booking ----------------------------------------------------------------------------------


def test_an_invited_applicant_books_a_free_slot_and_the_mentor_is_told(
    free_slot, invitation, applicant, mentor
):
    interview = interview_book(slot=free_slot, applicant=applicant)

    assert (interview.mentor, interview.applicant, interview.invitation) == (
        mentor,
        applicant,
        invitation,
    )
    assert (interview.starts_at, interview.ends_at) == (free_slot.starts_at, free_slot.ends_at)
    (message,) = messages_of("interview_booked")
    assert message.recipient == mentor
    # In the mentor's zone (Berlin), the zone named.
    assert "(Europe/Berlin)" in message.subject


def test_it_refuses_a_booking_by_someone_not_invited(free_slot, participation):
    stranger = person("sam@example.org")
    flagged(participation, stranger)

    with pytest.raises(ValidationError, match="Only an applicant the mentor invited"):
        interview_book(slot=free_slot, applicant=stranger)


def test_it_refuses_a_booking_of_a_slot_already_taken(
    free_slot, invitation, applicant, participation, mentor
):
    interview_book(slot=free_slot, applicant=applicant)
    other = person("bea@example.org")
    invited(participation, other, mentor)

    with pytest.raises(ValidationError, match="Someone has just booked this slot"):
        interview_book(slot=free_slot, applicant=other)


def test_it_refuses_an_applicant_two_overlapping_interviews(
    free_slot, invitation, applicant, participation
):
    interview_book(slot=free_slot, applicant=applicant)
    max_ = person("max@example.org", "America/New_York")
    MembershipFactory(participation=participation, user=max_, role=Membership.Role.MENTOR)
    invited(participation, applicant, max_)
    overlapping = slot(participation, max_, free_slot.starts_at + timedelta(minutes=30))

    with pytest.raises(ValidationError, match="You already have an interview at that time"):
        interview_book(slot=overlapping, applicant=applicant)


def test_it_refuses_a_mentor_two_overlapping_interviews(
    participation, mentor, applicant, invitation
):
    # Slots that overlap can exist (published in two organizations, or before this rule).
    first = slot(participation, mentor, tomorrow_at(10))
    second = slot(participation, mentor, tomorrow_at(10, 30))
    interview_book(slot=first, applicant=applicant)
    bea = person("bea@example.org")
    invited(participation, bea, mentor)

    with pytest.raises(ValidationError, match="The mentor has another interview"):
        interview_book(slot=second, applicant=bea)


def test_an_invitation_books_one_interview(free_slot, later_slot, invitation, applicant):
    interview_book(slot=free_slot, applicant=applicant)

    with pytest.raises(ValidationError, match="move it instead"):
        interview_book(slot=later_slot, applicant=applicant)


def test_it_refuses_a_slot_that_has_begun(free_slot, invitation, applicant):
    with (
        time_machine.travel(free_slot.starts_at, tick=False),
        pytest.raises(ValidationError, match="This slot began"),
    ):
        interview_book(slot=free_slot, applicant=applicant)


def test_a_proposal_set_aside_after_the_invitation_does_not_tell_the_applicant_so(
    free_slot, invitation, applicant
):
    # Set aside is the organization's own until the results: the invitation given stands
    # (the mentor cancels it if they wish), and booking says nothing of the flag.
    Candidacy.objects.filter(pk=invitation.candidacy_id).update(
        set_aside=Candidacy.SetAside.NOT_SERIOUS, set_aside_at=timezone.now()
    )

    assert interview_book(slot=free_slot, applicant=applicant).applicant == applicant


# --- Cancelling and moving --------------------------------------------------------------------


def test_the_applicant_cancels_and_the_mentor_is_told_and_the_slot_is_free(
    free_slot, invitation, applicant, mentor, participation
):
    booked = interview_book(slot=free_slot, applicant=applicant)

    cancelled = interview_cancel(interview=booked, by=applicant, reason="Exam moved")

    assert (cancelled.status, cancelled.cancelled_by) == (Interview.Status.CANCELLED, applicant)
    (message,) = messages_of("interview_cancelled")
    assert message.recipient == mentor
    assert "Exam moved" in message.text
    bea = person("bea@example.org")
    invited(participation, bea, mentor)
    assert interview_book(slot=free_slot, applicant=bea).pk


def test_the_mentor_cancels_and_the_applicant_is_told_in_their_zone(
    free_slot, invitation, applicant, mentor
):
    booked = interview_book(slot=free_slot, applicant=applicant)

    interview_cancel(interview=booked, by=mentor)

    (message,) = messages_of("interview_cancelled")
    assert message.recipient == applicant
    assert "(Asia/Kolkata)" in message.subject


def test_a_mentor_of_another_organization_cannot_cancel(free_slot, invitation, applicant, outsider):
    booked = interview_book(slot=free_slot, applicant=applicant)

    with pytest.raises(ValidationError, match="Only the applicant, the interviewer"):
        interview_cancel(interview=booked, by=outsider)


def test_moving_cancels_the_old_booking_and_books_the_new_one_with_one_notice(
    free_slot, later_slot, invitation, applicant, mentor
):
    old = interview_book(slot=free_slot, applicant=applicant)

    new = interview_move(interview=old, to=later_slot, by=applicant)

    old.refresh_from_db()
    assert (old.status, old.moved_to) == (Interview.Status.CANCELLED, new)
    assert (new.slot, new.status, new.invitation) == (later_slot, "booked", invitation)
    assert messages_of("interview_cancelled") == []
    (message,) = messages_of("interview_moved")
    assert message.recipient == mentor


def test_moving_to_an_overlapping_slot_of_the_same_mentor_is_allowed(
    participation, mentor, invitation, applicant
):
    first = slot(participation, mentor, tomorrow_at(10))
    overlapping = slot(participation, mentor, tomorrow_at(10, 30))
    old = interview_book(slot=first, applicant=applicant)

    new = interview_move(interview=old, to=overlapping, by=mentor)

    assert new.starts_at == tomorrow_at(10, 30)


def test_a_refused_move_leaves_the_interview_booked(
    free_slot, later_slot, invitation, applicant, participation, mentor
):
    old = interview_book(slot=free_slot, applicant=applicant)
    bea = person("bea@example.org")
    invited(participation, bea, mentor)
    interview_book(slot=later_slot, applicant=bea)

    with pytest.raises(ValidationError, match="Someone has just booked this slot"):
        interview_move(interview=old, to=later_slot, by=applicant)

    old.refresh_from_db()
    assert (old.status, old.cancelled_at) == (Interview.Status.BOOKED, None)


def test_it_refuses_to_move_to_another_mentors_slot(
    free_slot, invitation, applicant, participation
):
    old = interview_book(slot=free_slot, applicant=applicant)
    max_ = person("max@example.org")
    MembershipFactory(participation=participation, user=max_, role=Membership.Role.MENTOR)

    with pytest.raises(ValidationError, match="same mentor"):
        interview_move(interview=old, to=slot(participation, max_, tomorrow_at(18)), by=applicant)


def test_an_interview_that_began_can_no_longer_be_cancelled(free_slot, invitation, applicant):
    booked = interview_book(slot=free_slot, applicant=applicant)

    with (
        time_machine.travel(free_slot.starts_at + timedelta(minutes=5), tick=False),
        pytest.raises(ValidationError, match="can no longer be cancelled"),
    ):
        interview_cancel(interview=booked, by=applicant)


# --- The organization's record ----------------------------------------------------------------


def test_the_mentor_records_notes_and_an_outcome(free_slot, invitation, applicant, mentor):
    booked = interview_book(slot=free_slot, applicant=applicant)

    interview_record(interview=booked, by=mentor, notes="Solid C.", outcome="strong")

    booked.refresh_from_db()
    assert (booked.notes, booked.outcome) == ("Solid C.", "strong")


@pytest.mark.parametrize("who", ["applicant", "outsider", "program_admin", "another mentor"])
def test_nobody_else_records_them(free_slot, invitation, applicant, participation, request, who):
    booked = interview_book(slot=free_slot, applicant=applicant)
    if who == "another mentor":
        someone = person("max@example.org")
        MembershipFactory(participation=participation, user=someone, role="mentor")
    else:
        someone = request.getfixturevalue(who)

    with pytest.raises(ValidationError, match="Only the interviewer"):
        interview_record(interview=booked, by=someone, notes="x", outcome="weak")


def test_an_org_admin_records_them(free_slot, invitation, applicant, org_admin):
    booked = interview_book(slot=free_slot, applicant=applicant)

    interview_record(interview=booked, by=org_admin, notes="Seen too.", outcome="good")

    assert InterviewInvitation.objects.count() == 1
    booked.refresh_from_db()
    assert booked.outcome == "good"
