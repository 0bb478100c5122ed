"""Asking to mentor: the request, the org admins' answer, the person's confirmation."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from notifications.models import Message
from programs.models import Membership, MentorRequest, Participation
from programs.services.memberships import membership_end
from programs.services.mentor_requests import (
    mentor_request_confirm,
    mentor_request_create,
    mentor_request_decide,
    mentor_request_withdraw,
)
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def ask(participation, user, **overrides):
    fields = {
        "motivation": "I maintain the block layer tests.",
        "topics": "Block jobs, live migration.",
        "hours_per_week": 5,
        **overrides,
    }
    return mentor_request_create(participation=participation, user=user, **fields)


def test_asking_tells_every_active_org_admin_through_the_outbox(
    participation, org_admin, applicant
):
    second_admin = UserFactory(email="otto@example.org")
    MembershipFactory(
        participation=participation, user=second_admin, role=Membership.Role.ORG_ADMIN
    )

    request = ask(participation, applicant)

    notices = Message.objects.filter(
        kind="mentor_request_open", about=f"mentor_request:{request.pk}"
    )
    assert {m.recipient for m in notices} == {org_admin, second_admin}
    notice = notices.get(recipient=org_admin)
    assert "Ana Applicant asks to mentor for QEMU" in notice.subject
    assert "Block jobs, live migration." in notice.text
    assert "/manage/mentor-requests/" in notice.text
    assert request.status == MentorRequest.Status.OPEN


def test_a_person_cannot_ask_twice_while_the_first_request_is_in_play(participation, applicant):
    ask(participation, applicant)

    with pytest.raises(ValidationError, match="already asked to mentor"):
        ask(participation, applicant)

    assert MentorRequest.objects.count() == 1


def test_the_database_refuses_a_second_pending_request_of_one_person(participation, applicant):
    ask(participation, applicant)

    with pytest.raises(IntegrityError), transaction.atomic():
        MentorRequest.objects.create(
            participation=participation,
            user=applicant,
            motivation="Again.",
            topics="Same.",
            hours_per_week=3,
            status=MentorRequest.Status.ACCEPTED,
        )


def test_a_declined_person_may_ask_again(participation, org_admin, applicant):
    first = ask(participation, applicant)
    mentor_request_decide(request=first, by=org_admin, accept=False, answer="Not this year.")

    again = ask(participation, applicant)

    assert again.pk != first.pk


def test_a_mentor_cannot_ask(participation, mentor):
    with pytest.raises(ValidationError, match="already mentor of QEMU"):
        ask(participation, mentor)


def test_an_organization_that_left_the_round_takes_no_request(participation, applicant):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.Status.WITHDRAWN)

    with pytest.raises(ValidationError, match="takes no new mentors"):
        ask(participation, applicant)


def test_the_answer_reaches_the_person_with_the_org_admins_word(
    participation, org_admin, applicant
):
    request = ask(participation, applicant)

    mentor_request_decide(request=request, by=org_admin, accept=False, answer=" Not this year. ")

    request.refresh_from_db()
    assert request.status == MentorRequest.Status.DECLINED
    assert request.answer == "Not this year."
    assert request.decided_by == org_admin
    notice = Message.objects.get(kind="mentor_request_answered", recipient=applicant)
    assert "QEMU declined your request to mentor" in notice.subject
    assert '"Not this year."' in notice.text


def test_a_request_is_answered_once(participation, org_admin, applicant):
    request = ask(participation, applicant)
    mentor_request_decide(request=request, by=org_admin, accept=True, answer="")

    with pytest.raises(ValidationError, match="already answered"):
        mentor_request_decide(request=request, by=org_admin, accept=False, answer="")

    request.refresh_from_db()
    assert request.status == MentorRequest.Status.ACCEPTED


def test_an_accepted_person_confirms_the_terms_and_becomes_a_mentor(
    participation, org_admin, applicant
):
    request = ask(participation, applicant)
    mentor_request_decide(request=request, by=org_admin, accept=True, answer="Welcome!")
    notice = Message.objects.get(kind="mentor_request_answered", recipient=applicant)
    assert "confirm" in notice.subject
    assert f"/mentor-requests/{request.pk}/" in notice.text

    membership = mentor_request_confirm(request=request, user=applicant, accepts_terms=True)

    assert membership.role == Membership.Role.MENTOR
    assert membership.status == Membership.Status.ACTIVE
    assert membership.invited_by == org_admin
    assert membership.terms_accepted_at is not None
    request.refresh_from_db()
    assert request.status == MentorRequest.Status.CONFIRMED


def test_without_the_terms_nothing_happens(participation, org_admin, applicant):
    request = ask(participation, applicant)
    mentor_request_decide(request=request, by=org_admin, accept=True, answer="")

    with pytest.raises(ValidationError, match="Accept the program"):
        mentor_request_confirm(request=request, user=applicant, accepts_terms=False)

    assert not Membership.objects.filter(user=applicant).exists()
    request.refresh_from_db()
    assert request.status == MentorRequest.Status.ACCEPTED


def test_a_request_not_accepted_cannot_be_confirmed(participation, org_admin, applicant):
    request = ask(participation, applicant)

    with pytest.raises(ValidationError, match="not waiting for your confirmation"):
        mentor_request_confirm(request=request, user=applicant, accepts_terms=True)

    assert not Membership.objects.filter(user=applicant).exists()


def test_someone_who_became_mentor_meanwhile_keeps_the_request_to_confirm_unused(
    participation, org_admin, applicant
):
    request = ask(participation, applicant)
    mentor_request_decide(request=request, by=org_admin, accept=True, answer="")
    MembershipFactory(participation=participation, user=applicant, role=Membership.Role.MENTOR)

    with pytest.raises(ValidationError, match="already mentor"):
        mentor_request_confirm(request=request, user=applicant, accepts_terms=True)

    request.refresh_from_db()
    assert request.status == MentorRequest.Status.ACCEPTED


def test_a_mentor_who_left_comes_back_through_a_request(participation, org_admin, mentor):
    membership_end(membership=mentor.memberships.get(), by=mentor)
    request = ask(participation, mentor)
    mentor_request_decide(request=request, by=org_admin, accept=True, answer="")

    membership = mentor_request_confirm(request=request, user=mentor, accepts_terms=True)

    assert membership.status == Membership.Status.ACTIVE
    assert membership.ended_at is None
    assert Membership.objects.filter(user=mentor).count() == 1


def test_the_person_withdraws_a_pending_request_and_may_ask_again(participation, applicant):
    request = ask(participation, applicant)

    mentor_request_withdraw(request=request, user=applicant)

    request.refresh_from_db()
    assert request.status == MentorRequest.Status.WITHDRAWN
    assert ask(participation, applicant).status == MentorRequest.Status.OPEN


def test_only_the_person_who_asked_withdraws(participation, org_admin, applicant):
    request = ask(participation, applicant)

    with pytest.raises(ValidationError, match="Only the person who asked"):
        mentor_request_withdraw(request=request, user=org_admin)

    request.refresh_from_db()
    assert request.status == MentorRequest.Status.OPEN


def test_a_confirmed_request_cannot_be_withdrawn(participation, org_admin, applicant):
    request = ask(participation, applicant)
    mentor_request_decide(request=request, by=org_admin, accept=True, answer="")
    mentor_request_confirm(request=request, user=applicant, accepts_terms=True)

    with pytest.raises(ValidationError, match="nothing to withdraw"):
        mentor_request_withdraw(request=request, user=applicant)

    request.refresh_from_db()
    assert request.status == MentorRequest.Status.CONFIRMED
