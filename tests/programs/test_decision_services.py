import threading
import time
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from programs.models import Membership, Participation, Round
from programs.overview import slots_granted_in
from programs.services import decisions
from programs.services.decisions import participation_accept, participation_reject, slots_grant
from tests.factories import MembershipFactory, OrganizationFactory, ParticipationFactory

Status = Participation.Status
ACCEPTED_EARLIER = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)
DECIDED = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def applied(round_):
    return ParticipationFactory(
        round=round_, organization=OrganizationFactory(name="Ganeti"), status=Status.APPLIED
    )


def _refusal(service, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        service(**kwargs)
    return " ".join(caught.value.messages)


# --- accept and reject ---------------------------------------------------------------------


@pytest.mark.django_db
def test_it_accepts_a_submitted_participation_and_records_who_and_when(applied, program_admin):
    with time_machine.travel(DECIDED, tick=False):
        participation_accept(participation=applied, by=program_admin)
    applied.refresh_from_db()
    assert applied.status == Status.ACCEPTED
    assert applied.decided_at == DECIDED
    assert applied.decided_by == program_admin


@pytest.mark.django_db
def test_it_rejects_a_submitted_participation_and_records_who_and_when(applied, program_admin):
    with time_machine.travel(DECIDED, tick=False):
        participation_reject(participation=applied, by=program_admin)
    applied.refresh_from_db()
    assert applied.status == Status.REJECTED
    assert applied.decided_at == DECIDED
    assert applied.decided_by == program_admin


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (Status.DRAFT, "Ganeti has not submitted its application yet (it is a draft)."),
        (Status.WITHDRAWN, "Ganeti withdrew its application."),
        (Status.ACCEPTED, "Ganeti is already accepted."),
        (Status.REJECTED, "Ganeti is already rejected."),
    ],
)
def test_it_accepts_only_a_submitted_participation(applied, program_admin, status, reason):
    Participation.objects.filter(pk=applied.pk).update(status=status)
    message = _refusal(participation_accept, participation=applied, by=program_admin)
    assert message == f"{reason} Only a submitted application can be accepted."
    applied.refresh_from_db()
    assert applied.status == status
    assert applied.decided_by is None


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.DRAFT, Status.WITHDRAWN, Status.ACCEPTED])
def test_it_rejects_only_a_submitted_participation(applied, program_admin, status):
    Participation.objects.filter(pk=applied.pk).update(status=status)
    message = _refusal(participation_reject, participation=applied, by=program_admin)
    assert message.endswith("Only a submitted application can be rejected.")
    applied.refresh_from_db()
    assert applied.status == status


@pytest.mark.django_db
def test_it_decides_on_the_status_in_the_database_not_on_a_stale_copy(applied, program_admin):
    # Another admin accepted it after this page was loaded.
    Participation.objects.filter(pk=applied.pk).update(status=Status.ACCEPTED)
    message = _refusal(participation_reject, participation=applied, by=program_admin)
    assert message.startswith("Ganeti is already accepted.")


@pytest.mark.django_db
def test_rejecting_ends_no_membership(applied, program_admin):
    membership = MembershipFactory(participation=applied, role=Membership.Role.ORG_ADMIN)
    participation_reject(participation=applied, by=program_admin)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


# --- slots ---------------------------------------------------------------------------------


@pytest.fixture
def qemu(participation):
    """The accepted QEMU of the personas (asked for up to 4 slots) in a round of 20."""
    return participation


@pytest.mark.django_db
def test_it_grants_slots_to_an_accepted_organization(qemu, program_admin):
    with time_machine.travel(DECIDED, tick=False):
        slots_grant(participation=qemu, by=program_admin, slots=3)
    qemu.refresh_from_db()
    assert qemu.slots_granted == 3
    assert qemu.slots_decided_at == DECIDED
    assert qemu.slots_decided_by == program_admin


@pytest.mark.django_db
def test_granting_slots_keeps_who_accepted_the_organization(qemu, program_admin, org_admin):
    qemu.decided_by, qemu.decided_at = org_admin, ACCEPTED_EARLIER
    qemu.save(update_fields=["decided_by", "decided_at"])
    slots_grant(participation=qemu, by=program_admin, slots=3)
    qemu.refresh_from_db()
    assert (qemu.decided_by, qemu.decided_at) == (org_admin, ACCEPTED_EARLIER)


@pytest.mark.django_db
def test_granting_again_replaces_the_earlier_grant(qemu, program_admin):
    Round.objects.filter(pk=qemu.round_id).update(total_slots=4)
    slots_grant(participation=qemu, by=program_admin, slots=4)
    slots_grant(participation=qemu, by=program_admin, slots=2)
    qemu.refresh_from_db()
    assert qemu.slots_granted == 2


@pytest.mark.django_db
def test_it_grants_no_more_than_the_organization_asked_for(qemu, program_admin):
    message = _refusal(slots_grant, participation=qemu, by=program_admin, slots=5)
    assert message == "QEMU asked for at most 4 slots; you tried to grant 5."


@pytest.mark.django_db
def test_it_keeps_the_round_within_its_total_slots(qemu, program_admin, round_):
    Round.objects.filter(pk=round_.pk).update(total_slots=10)
    ParticipationFactory(round=round_, slots_max=8, slots_granted=8)
    message = _refusal(slots_grant, participation=qemu, by=program_admin, slots=3)
    assert message == (
        "Granting 3 slots to QEMU would bring the round to 11 of its 10 slots: 8 are granted "
        "to other organizations, so at most 2 can go to this one."
    )
    slots_grant(participation=qemu, by=program_admin, slots=2)
    assert slots_granted_in(round_) == 10


@pytest.mark.django_db
def test_slots_of_a_withdrawn_organization_are_free_again(qemu, program_admin, round_):
    Round.objects.filter(pk=round_.pk).update(total_slots=4)
    ParticipationFactory(round=round_, slots_max=4, slots_granted=4, status=Status.WITHDRAWN)
    slots_grant(participation=qemu, by=program_admin, slots=4)
    assert slots_granted_in(round_) == 4


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.APPLIED, Status.REJECTED, Status.WITHDRAWN])
def test_it_grants_slots_only_to_an_accepted_organization(qemu, program_admin, status):
    Participation.objects.filter(pk=qemu.pk).update(status=status)
    message = _refusal(slots_grant, participation=qemu, by=program_admin, slots=1)
    assert message == (
        f"QEMU is {status.label.lower()}, not accepted: slots can be granted only to an "
        "accepted organization."
    )


@pytest.mark.django_db
def test_it_refuses_a_negative_number_of_slots(qemu, program_admin):
    message = _refusal(slots_grant, participation=qemu, by=program_admin, slots=-1)
    assert message == "Slots granted cannot be negative (you entered -1)."


# --- two admins granting at once (PostgreSQL: SQLite has no row locks) -----------------------


def _grant_at_once(monkeypatch, by, participations, slots, *, meet_after_reading=False):
    """Both admins press "Grant" together; each reads the round's total slowly, so without
    a lock both would read it before either writes. `meet_after_reading` makes that certain
    (each waits until both have read) for the control, where no lock keeps them apart."""
    read_total = decisions.slots_granted_in
    both_read = threading.Barrier(len(participations), timeout=10)

    def slow_read(*args, **kwargs):
        total = read_total(*args, **kwargs)
        if meet_after_reading:
            both_read.wait()
        else:
            time.sleep(0.3)
        return total

    monkeypatch.setattr(decisions, "slots_granted_in", slow_read)
    start = threading.Barrier(len(participations))
    outcomes: list[str] = []

    def grant(participation):
        try:
            start.wait()
            slots_grant(participation=participation, by=by, slots=slots)
            outcomes.append("granted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=grant, args=(p,)) for p in participations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_admins_granting_at_once_never_overshoot_the_round(
    requires_postgres, monkeypatch, program_admin, round_
):
    Round.objects.filter(pk=round_.pk).update(total_slots=5)
    first = ParticipationFactory(round=round_, slots_max=4)
    second = ParticipationFactory(round=round_, slots_max=4)
    outcomes = _grant_at_once(monkeypatch, program_admin, [first, second], slots=4)
    assert outcomes == ["granted", "refused"]
    assert slots_granted_in(round_) == 4


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_without_the_round_lock_the_same_race_overshoots(
    requires_postgres, monkeypatch, program_admin, round_
):
    # The control: it shows the test above would catch a missing lock.
    monkeypatch.setattr(decisions, "_lock_round", lambda pk: Round.objects.get(pk=pk))
    Round.objects.filter(pk=round_.pk).update(total_slots=5)
    first = ParticipationFactory(round=round_, slots_max=4)
    second = ParticipationFactory(round=round_, slots_max=4)
    outcomes = _grant_at_once(
        monkeypatch, program_admin, [first, second], slots=4, meet_after_reading=True
    )
    assert outcomes == ["granted", "granted"]
    assert slots_granted_in(round_) == 8
