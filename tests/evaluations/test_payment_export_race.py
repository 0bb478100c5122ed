"""Two program admins export a round's approved payments at the same instant, on PostgreSQL,
where the two requests really run in parallel on separate connections.

Each export waits a moment after taking its payments, so the two overlap. With the rows
locked as they are taken (and rows another export holds skipped), no payment is taken twice:
the exports share the payments out between them (usually one takes all and the other finds
none), and every payment is listed once. Without the lock (the control), and with both made
to read before either marks, both take every payment: each would be listed twice."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError

from evaluations.models import Payment, PaymentExport
from evaluations.services import payments as services
from tests.evaluations.payment_world import many
from tests.factories import UserFactory
from tests.races import at_once

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
HOW_MANY = 20


@pytest.fixture
def approved(participation, program_admin):
    return many(participation, HOW_MANY, status=Payment.Status.APPROVED, by=program_admin)


@pytest.fixture
def admins(program_admin):
    return [program_admin, UserFactory(is_program_admin=True)]


def _export_at_once(round_, admins) -> tuple[list[PaymentExport], list[BaseException]]:
    made: list[PaymentExport] = []

    def export_as(admin):
        return lambda: made.append(services.export(round_=round_, by=admin))

    errors = at_once(*(export_as(admin) for admin in admins))
    return made, errors


def test_two_exports_at_once_list_each_payment_once(
    requires_postgres, monkeypatch, approved, admins, round_
):
    claim = services.claim_exportable

    def claim_then_wait(round_):
        taken = claim(round_)
        time.sleep(0.3)  # still holding the rows when the other export looks
        return taken

    monkeypatch.setattr(services, "claim_exportable", claim_then_wait)

    made, errors = _export_at_once(round_, admins)

    assert all(isinstance(error, ValidationError) for error in errors)
    assert len(made) + len(errors) == 2
    listed = [pk for export in made for pk in export.payment_ids]
    assert sorted(listed) == sorted(p.pk for p in approved)  # each once, none left out
    assert sum(e.count for e in PaymentExport.objects.all()) == HOW_MANY
    for export in made:
        assert sorted(export.payments.values_list("pk", flat=True)) == sorted(export.payment_ids)


def test_without_the_lock_both_exports_take_every_payment(
    requires_postgres, monkeypatch, approved, admins, round_
):
    """The control: the payments read without locking them, and both reads made before
    either export marks its payments."""
    both_read = threading.Barrier(2, timeout=10)

    def claim_unlocked(round_):
        taken = list(
            services.of_round(round_)
            .filter(status=Payment.Status.APPROVED, export__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        both_read.wait()
        return taken

    monkeypatch.setattr(services, "claim_exportable", claim_unlocked)

    made, errors = _export_at_once(round_, admins)

    assert errors == []
    everything = sorted(p.pk for p in approved)
    assert [sorted(e.payment_ids) for e in made] == [everything, everything]
    assert sorted(e.count for e in PaymentExport.objects.all()) == [HOW_MANY, HOW_MANY]
