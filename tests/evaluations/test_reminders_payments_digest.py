"""The program admins' daily digest gains the payments waiting for their approval: one section
per round (the round waiting longest first) linking its payments page, the total in the
subject line. Held, approved and exported payments are not counted; nothing waiting, no
section (and no digest, when nothing else waits either)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from evaluations.models import Payment
from evaluations.reminders import payments_waiting
from notifications.sweep import sweep_once
from programs.reminders import program_admin_digest
from tests.evaluations.payment_world import many
from tests.factories import ParticipationFactory, RoundFactory

pytestmark = pytest.mark.django_db
MORNING = datetime(2027, 6, 20, 7, 0, tzinfo=UTC)
Status = Payment.Status


@pytest.fixture
def waiting(participation, program_admin):
    made = many(participation, 3)
    many(participation, 2, status=Status.HELD)
    many(participation, 4, status=Status.APPROVED, by=program_admin)
    Payment.objects.update(created_at=MORNING - timedelta(days=2))
    return made


def test_the_digest_lists_the_payments_waiting_for_approval(waiting, program_admin):
    with time_machine.travel(MORNING, tick=False):
        (message,) = sweep_once(MORNING)

    assert message.recipient == program_admin
    assert message.subject == "[Internships] What waits for you: 3 payments to approve"
    assert "Payments waiting for approval in Google Summer of Code 2027: 3" in message.text
    assert "3 waiting for your approval" in message.text
    assert "/rounds/gsoc-2027/payments/" in message.text
    assert '/rounds/gsoc-2027/payments/">' in message.html


def test_each_round_has_its_section_the_longest_waiting_first(
    waiting, participation, program, django_assert_num_queries
):
    later = RoundFactory(program=program, name="GSoC 2028", slug="gsoc-2028")
    (newer,) = many(ParticipationFactory(round=later), 1)
    Payment.objects.filter(pk=newer.pk).update(created_at=MORNING - timedelta(days=1))

    with django_assert_num_queries(1):
        sections = payments_waiting(MORNING)

    assert [s.heading for s in sections] == [
        "Payments waiting for approval in Google Summer of Code 2027: 3",
        "Payments waiting for approval in GSoC 2028: 1",
    ]
    assert [s.summary for s in sections] == ["4 payments to approve", ""]


def test_nothing_waiting_adds_nothing(participation, program_admin):
    many(participation, 2, status=Status.HELD)

    assert payments_waiting(MORNING) == []
    with time_machine.travel(MORNING, tick=False):
        assert list(program_admin_digest(MORNING)) == []
