"""An organization's contribution gate: a number and a deadline, both or neither."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db


def test_a_gate_number_needs_a_deadline():
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFactory(gate_contributions=1)


def test_a_gate_deadline_needs_a_number():
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFactory(gate_deadline=timezone.now())


def test_a_whole_gate_and_no_gate_are_both_kept():
    gated = ParticipationFactory(gate_contributions=1, gate_deadline=timezone.now())
    open_door = ParticipationFactory()

    assert (gated.gate_contributions, open_door.gate_contributions) == (1, 0)
