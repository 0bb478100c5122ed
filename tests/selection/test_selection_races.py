"""Two selections at the same instant, on PostgreSQL, where two requests really run in
parallel, each in its own transaction on its own connection.

- Two org admins take the last slot at once: the lock on the participation's row makes the
  second wait, count the first and be refused. Without it, both count the slot free and both
  are selected, past the limit: the control shows the race is real.
- Two organizations select one applicant at once (the round accepts one proposal of an
  applicant): the lock on the applicant's application to the round makes the second wait and
  count the first, so the conflict opens whichever goes first. Without it, each counts no
  other selection and the conflict is missed: the control.

The guarded runs make every selection linger a moment after taking its locks, so the two
overlap; the controls hold both where the guard matters: the slots' just before saving, after
both have counted; the conflict's after both have looked for the other selection.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from applications.models import Application
from programs.models import Participation
from selection.models import Candidacy, Conflict
from selection.services import choosing
from tests.selection.choosing_world import (
    candidate,
    granted,
    in_review,
    mentor_of,
    other_organization,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def qemu(requires_postgres, participation, org_admin, mentor):
    in_review(participation.round)
    return granted(participation, 1)


@pytest.fixture
def lingering(monkeypatch):
    """Each selection waits a moment once its locks are taken, so the other one arrives."""
    checked = choosing._require_in_the_running

    def after_a_moment(*args, **kwargs):
        time.sleep(0.3)
        return checked(*args, **kwargs)

    monkeypatch.setattr(choosing, "_require_in_the_running", after_a_moment)


@pytest.fixture
def saving_together(monkeypatch):
    """The controls: both selections have counted before either saves."""
    saved = Candidacy.save
    both_counted = threading.Barrier(2, timeout=10)

    def save_together(self, *args, **kwargs):
        both_counted.wait()
        return saved(self, *args, **kwargs)

    return lambda: monkeypatch.setattr(Candidacy, "save", save_together)


@pytest.fixture
def checking_together(monkeypatch):
    """The conflict's control: both selections have looked for the applicant's other
    selections before either commits (holding them at the save is not enough: the first may
    commit before the second looks, and the second then sees it)."""
    looked = choosing._conflict_for
    both_looked = threading.Barrier(2, timeout=10)

    def look_together(*args, **kwargs):
        found = looked(*args, **kwargs)
        both_looked.wait()
        return found

    return lambda: monkeypatch.setattr(choosing, "_conflict_for", look_together)


def _select_at_once(pairs) -> list[BaseException]:
    """Each (candidacy pk, person) selects in its own thread and connection, together."""
    both_ready = threading.Barrier(len(pairs), timeout=10)
    errors: list[BaseException] = []

    def select(pk, by):
        try:
            loaded = Candidacy.objects.select_related("proposal").get(pk=pk)
            both_ready.wait()
            choosing.candidacy_select(candidacy=loaded, by=by)
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=select, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return errors


def _two_for_the_last_slot(qemu, org_admin, mentor):
    second_admin = mentor_of(qemu, "Omar Orgadmin")
    second_admin.memberships.update(role="org_admin")
    first = candidate(qemu, rank=1, mentor=mentor)
    second = candidate(qemu, rank=2, mentor=mentor_of(qemu))
    return [(first.pk, org_admin), (second.pk, second_admin)]


def test_two_org_admins_never_select_past_the_slots(lingering, qemu, org_admin, mentor):
    errors = _select_at_once(_two_for_the_last_slot(qemu, org_admin, mentor))

    assert Candidacy.objects.selected().count() == 1
    (refused,) = errors
    assert isinstance(refused, ValidationError)
    assert refused.messages[0].startswith("All 1 slot granted to QEMU are used")


def test_without_the_participation_lock_two_selections_pass_the_slots(
    monkeypatch, saving_together, qemu, org_admin, mentor
):
    pairs = _two_for_the_last_slot(qemu, org_admin, mentor)
    monkeypatch.setattr(
        choosing,
        "_lock_participation",
        lambda pk: Participation.objects.select_related("round__rules", "organization").get(pk=pk),
    )
    saving_together()

    errors = _select_at_once(pairs)

    assert errors == []
    assert Candidacy.objects.selected().count() == 2  # past the one slot granted


def _one_applicant_in_two_organizations(qemu, org_admin, mentor, program_admin, applicant):
    libvirt = other_organization(qemu.round)
    ours = candidate(qemu, rank=1, mentor=mentor, applicant=applicant)
    theirs = candidate(libvirt, rank=1, mentor=mentor_of(libvirt), applicant=applicant)
    return [(ours.pk, org_admin), (theirs.pk, program_admin)]


def test_two_organizations_selecting_one_applicant_at_once_always_open_the_conflict(
    lingering, qemu, org_admin, mentor, program_admin, applicant
):
    errors = _select_at_once(
        _one_applicant_in_two_organizations(qemu, org_admin, mentor, program_admin, applicant)
    )

    assert errors == []
    assert Candidacy.objects.selected().count() == 2
    conflict = Conflict.objects.open().get()
    assert conflict.applicant == applicant


def test_without_the_application_lock_the_conflict_is_missed(
    monkeypatch, checking_together, qemu, org_admin, mentor, program_admin, applicant
):
    pairs = _one_applicant_in_two_organizations(qemu, org_admin, mentor, program_admin, applicant)
    monkeypatch.setattr(
        choosing,
        "lock_application",
        lambda *, applicant_id, round_id: Application.objects.get(
            applicant_id=applicant_id, round_id=round_id
        ),
    )
    checking_together()

    errors = _select_at_once(pairs)

    assert errors == []
    assert Candidacy.objects.selected().count() == 2
    assert not Conflict.objects.exists()  # two organizations hold one applicant, unflagged
