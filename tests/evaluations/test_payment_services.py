"""A program admin's work on payments: approving (one or many), holding with the reason,
releasing, and exporting every approved payment of a round once.

A withdrawn or failed internship keeps the payments its milestones authorized (documented in
evaluations.services.payments): they stay payable, and a program admin may hold them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluations.models import Payment, PaymentExport
from evaluations.services import payments as services
from evaluations.services.internships import withdraw
from notifications.models import Message
from tests.evaluations.internship_world import running_internship
from tests.evaluations.payment_world import approved, intern_with_payment
from tests.factories import ParticipationFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Payment.Status


@pytest.fixture
def waiting(participation, applicant, mentor):
    return intern_with_payment(participation, applicant, [mentor])[1]


def test_approving_records_who_and_when(waiting, program_admin, round_):
    at = timezone.now()

    done = services.approve(round_=round_, payment_ids=[waiting.pk], by=program_admin, at=at)

    assert done.approved == [waiting.pk]
    assert done.skipped == []
    waiting.refresh_from_db()
    assert (waiting.status, waiting.approved_by, waiting.approved_at) == (
        Status.APPROVED,
        program_admin,
        at,
    )


def test_approving_many_approves_those_waiting_and_leaves_the_others(
    participation, round_, program_admin
):
    first = intern_with_payment(participation, UserFactory())[1]
    second = intern_with_payment(participation, UserFactory())[1]
    held = intern_with_payment(participation, UserFactory(), held_because="No evaluation.")[1]

    done = services.approve(
        round_=round_, payment_ids=[first.pk, second.pk, held.pk], by=program_admin
    )

    assert sorted(done.approved) == sorted([first.pk, second.pk])
    assert done.skipped == [held.pk]
    assert Payment.objects.get(pk=held.pk).status == Status.HELD


def test_approving_what_no_longer_waits_is_refused(waiting, round_, program_admin):
    approved(waiting, program_admin)

    with pytest.raises(ValidationError, match="None of the chosen payments waits"):
        services.approve(round_=round_, payment_ids=[waiting.pk], by=program_admin)


def test_a_payment_of_another_round_is_not_approved_through_this_one(
    waiting, program_admin, program
):
    other_round = RoundFactory(program=program)

    with pytest.raises(ValidationError):
        services.approve(round_=other_round, payment_ids=[waiting.pk], by=program_admin)
    assert Payment.objects.get().status == Status.WAITING


@pytest.mark.parametrize("person", ["org_admin", "mentor", "applicant"])
def test_only_program_admins_approve_hold_release_and_export(waiting, round_, person, request):
    someone = request.getfixturevalue(person)

    with pytest.raises(ValidationError, match="Only program admins"):
        services.approve(round_=round_, payment_ids=[waiting.pk], by=someone)
    with pytest.raises(ValidationError, match="Only program admins"):
        services.hold(round_=round_, payment_id=waiting.pk, by=someone, reason="x")
    with pytest.raises(ValidationError, match="Only program admins"):
        services.release(round_=round_, payment_id=waiting.pk, by=someone)
    with pytest.raises(ValidationError, match="Only program admins"):
        services.export(round_=round_, by=someone)
    assert Payment.objects.get().status == Status.WAITING


def test_holding_says_why_and_releasing_makes_it_wait_again(waiting, round_, program_admin):
    held = services.hold(
        round_=round_, payment_id=waiting.pk, by=program_admin, reason="  Bank details missing. "
    )

    assert (held.status, held.reason) == (Status.HELD, "Bank details missing.")

    released = services.release(round_=round_, payment_id=waiting.pk, by=program_admin)

    assert (released.status, released.reason) == (Status.WAITING, "")


def test_holding_without_a_reason_is_refused(waiting, round_, program_admin):
    with pytest.raises(ValidationError, match="Say why"):
        services.hold(round_=round_, payment_id=waiting.pk, by=program_admin, reason="  ")


def test_an_approved_payment_not_yet_exported_can_still_be_held(waiting, round_, program_admin):
    approved(waiting, program_admin)

    held = services.hold(round_=round_, payment_id=waiting.pk, by=program_admin, reason="Oops.")

    assert (held.status, held.approved_by, held.approved_at) == (Status.HELD, None, None)


def test_an_exported_payment_can_no_longer_be_held(waiting, round_, program_admin):
    approved(waiting, program_admin)
    services.export(round_=round_, by=program_admin)

    with pytest.raises(ValidationError, match="exported already"):
        services.hold(round_=round_, payment_id=waiting.pk, by=program_admin, reason="Late.")


def test_only_a_held_payment_is_released(waiting, round_, program_admin):
    with pytest.raises(ValidationError, match="only a held payment"):
        services.release(round_=round_, payment_id=waiting.pk, by=program_admin)


def test_an_export_takes_the_rounds_approved_payments_not_yet_exported(
    participation, round_, program_admin, program
):
    ready = [
        approved(intern_with_payment(participation, UserFactory())[1], program_admin)
        for _ in range(3)
    ]
    intern_with_payment(participation, UserFactory())  # waiting
    intern_with_payment(participation, UserFactory(), held_because="Missing evaluation.")
    elsewhere = ParticipationFactory(round=RoundFactory(program=program))
    approved(intern_with_payment(elsewhere, UserFactory())[1], program_admin)

    made = services.export(round_=round_, by=program_admin)

    assert made.count == 3
    assert sorted(made.payment_ids) == sorted(p.pk for p in ready)
    assert sorted(made.payments.values_list("pk", flat=True)) == sorted(p.pk for p in ready)
    assert Payment.objects.filter(export__isnull=False).count() == 3


def test_an_export_run_twice_lists_each_payment_once(participation, round_, program_admin):
    first_ones = [
        approved(intern_with_payment(participation, UserFactory())[1], program_admin)
        for _ in range(2)
    ]

    first = services.export(round_=round_, by=program_admin)
    with pytest.raises(ValidationError, match="No approved payment"):
        services.export(round_=round_, by=program_admin)
    later = approved(intern_with_payment(participation, UserFactory())[1], program_admin)
    second = services.export(round_=round_, by=program_admin)

    assert sorted(first.payment_ids) == sorted(p.pk for p in first_ones)
    assert second.payment_ids == [later.pk]
    assert PaymentExport.objects.count() == 2
    exported = list(Payment.objects.values_list("export_id", flat=True))
    assert sorted(exported) == sorted([first.pk, first.pk, second.pk])


def test_a_withdrawn_internships_authorized_payment_stays_payable(
    participation, round_, applicant, program_admin
):
    internship = running_internship(participation, applicant)
    payment = services.authorize(internship, "start")
    withdraw(internship=internship, by=applicant, reason="A job offer.")

    payment.refresh_from_db()
    assert payment.status == Status.WAITING
    assert services.approve(round_=round_, payment_ids=[payment.pk], by=program_admin).approved


def test_authorizing_again_after_approval_changes_nothing(waiting, program_admin):
    approved(waiting, program_admin)

    again = services.authorize(waiting.internship, "start", at=timezone.now() + timedelta(days=1))

    assert again.pk == waiting.pk
    assert again.status == Status.APPROVED
    assert Payment.objects.count() == 1


def test_holding_tells_the_intern_why_and_not_the_mentors(waiting, round_, program_admin):
    services.hold(
        round_=round_, payment_id=waiting.pk, by=program_admin, reason="Bank details missing."
    )

    (sent,) = Message.objects.filter(kind="payment_held")
    assert sent.recipient == waiting.internship.intern
    assert (
        sent.subject
        == "[Internships] Payment held: Start of coding (10%), Google Summer of Code 2027"
    )
    assert "The reason given: Bank details missing." in sent.text
    assert f"/rounds/gsoc-2027/internships/{waiting.internship.pk}/#payments" in sent.text
    assert "Bank details missing." in sent.html


def test_held_again_after_a_release_the_intern_is_told_again(waiting, round_, program_admin):
    at = timezone.now()
    services.hold(round_=round_, payment_id=waiting.pk, by=program_admin, reason="One.", at=at)
    services.release(round_=round_, payment_id=waiting.pk, by=program_admin)
    services.hold(
        round_=round_,
        payment_id=waiting.pk,
        by=program_admin,
        reason="Two.",
        at=at + timedelta(hours=1),
    )

    assert Message.objects.filter(kind="payment_held").count() == 2
