"""Two bookings at the same instant, on PostgreSQL, where the two requests really run in
parallel, each on its own connection.

Both bookings pass the service's check (nobody holds the slot, neither person is busy)
before either inserts: the check waits for the other at a barrier, so the race is forced
every time. The database's rules then decide: the partial unique index (a slot booked once)
and the exclusion constraints (a mentor, an applicant, never in two overlapping booked
interviews). One booking wins, the other is refused in words.

Each has its control: the same race with the rule dropped from the test's own database
(restored afterwards) books both, so the check alone does not hold and the constraint is
what does.
"""

import importlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from programs.models import Membership
from selection.models import Interview, InterviewSlot
from selection.services import interviews as services
from tests.factories import MembershipFactory
from tests.selection.interviews.world import invited, person, slot, tomorrow_at

pytestmark = pytest.mark.django_db(transaction=True)

NEVER_OVERLAP = importlib.import_module("selection.migrations.0002_interviews_never_overlap")
SLOT_ONCE = next(c for c in Interview._meta.constraints if c.name == "interview_slot_booked_once")


@pytest.fixture
def checks_together(monkeypatch):
    """Each booking waits, after its first check, until the other has checked too."""
    both_checked = threading.Barrier(2, timeout=10)
    local = threading.local()
    checked = services.refuse_clashes

    def check_then_wait(**kwargs):
        checked(**kwargs)
        if not getattr(local, "waited", False):  # the check after a refusal goes straight on
            local.waited = True
            both_checked.wait()

    monkeypatch.setattr(services, "refuse_clashes", check_then_wait)


@pytest.fixture
def without(requires_postgres):
    """Drop rules from the test database for one test; put them back, whatever happens."""
    dropped: list[str] = []

    def drop(*names: str) -> None:
        with connection.schema_editor() as editor:
            for name in names:
                if name == SLOT_ONCE.name:
                    editor.remove_constraint(Interview, SLOT_ONCE)
                else:
                    editor.execute(f"ALTER TABLE selection_interview DROP CONSTRAINT {name}")
                dropped.append(name)

    yield drop
    Interview.objects.all().delete()  # the control's double bookings would break the rules
    with connection.schema_editor() as editor:
        if SLOT_ONCE.name in dropped:
            editor.add_constraint(Interview, SLOT_ONCE)
        for name, column in NEVER_OVERLAP.CONSTRAINTS.items():
            if name in dropped:
                editor.execute(
                    f"ALTER TABLE selection_interview ADD CONSTRAINT {name} EXCLUDE USING gist "
                    f"({column} WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
                    "WHERE (status = 'booked')"
                )


def book_at_once(bookings: list[tuple[InterviewSlot, object]]) -> list[BaseException]:
    errors: list[BaseException] = []

    def book(slot_pk, applicant):
        try:
            services.interview_book(slot=InterviewSlot.objects.get(pk=slot_pk), applicant=applicant)
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=[s.pk, a]) for s, a in bookings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


# --- One slot, two applicants ---------------------------------------------------------------


@pytest.fixture
def one_slot_two_applicants(participation, mentor):
    ana, bea = person("ana@example.org", "Asia/Kolkata"), person("bea@example.org")
    invited(participation, ana, mentor)
    invited(participation, bea, mentor)
    return slot(participation, mentor, tomorrow_at(14)), ana, bea


def test_a_slot_is_never_booked_twice(requires_postgres, checks_together, one_slot_two_applicants):
    the_slot, ana, bea = one_slot_two_applicants

    errors = book_at_once([(the_slot, ana), (the_slot, bea)])

    assert Interview.objects.booked().filter(slot=the_slot).count() == 1
    (refused,) = errors
    assert isinstance(refused, ValidationError)
    assert refused.messages == ["Someone has just booked this slot; choose another."]


def test_without_the_rules_the_slot_is_booked_twice(
    without, checks_together, one_slot_two_applicants
):
    """The control: two bookings of one slot also put its mentor in two interviews at once,
    so both rules go."""
    without(SLOT_ONCE.name, "interview_mentor_never_overlaps")
    the_slot, ana, bea = one_slot_two_applicants

    errors = book_at_once([(the_slot, ana), (the_slot, bea)])

    assert errors == []
    assert Interview.objects.booked().filter(slot=the_slot).count() == 2


# --- One applicant, two mentors' overlapping slots --------------------------------------------


@pytest.fixture
def overlapping_slots_of_two_mentors(participation, mentor):
    max_ = person("max@example.org", "America/New_York")
    MembershipFactory(participation=participation, user=max_, role=Membership.Role.MENTOR)
    ana = person("ana@example.org", "Asia/Kolkata")
    invited(participation, ana, mentor)
    invited(participation, ana, max_)
    mira_at_two = slot(participation, mentor, tomorrow_at(14))
    max_at_half_past = slot(participation, max_, tomorrow_at(14, 30))
    return ana, mira_at_two, max_at_half_past


def test_an_applicant_never_holds_two_overlapping_interviews(
    requires_postgres, checks_together, overlapping_slots_of_two_mentors
):
    ana, first, second = overlapping_slots_of_two_mentors

    errors = book_at_once([(first, ana), (second, ana)])

    assert Interview.objects.booked().filter(applicant=ana).count() == 1
    (refused,) = errors
    assert refused.messages == [services.APPLICANT_BUSY]


def test_without_the_rule_an_applicant_holds_two_overlapping_interviews(
    without, checks_together, overlapping_slots_of_two_mentors
):
    without("interview_applicant_never_overlaps")
    ana, first, second = overlapping_slots_of_two_mentors

    errors = book_at_once([(first, ana), (second, ana)])

    assert errors == []
    assert Interview.objects.booked().filter(applicant=ana).count() == 2


# --- One mentor, two overlapping slots, two applicants ----------------------------------------


@pytest.fixture
def overlapping_slots_of_one_mentor(participation, mentor):
    ana, bea = person("ana@example.org", "Asia/Kolkata"), person("bea@example.org")
    invited(participation, ana, mentor)
    invited(participation, bea, mentor)
    # Publishing refuses overlapping slots; these were made before, or in two organizations.
    return (
        slot(participation, mentor, tomorrow_at(14)),
        slot(participation, mentor, tomorrow_at(14, 30)),
        ana,
        bea,
    )


def test_a_mentor_is_never_booked_into_overlapping_slots(
    requires_postgres, checks_together, overlapping_slots_of_one_mentor, mentor
):
    first, second, ana, bea = overlapping_slots_of_one_mentor

    errors = book_at_once([(first, ana), (second, bea)])

    assert Interview.objects.booked().filter(mentor=mentor).count() == 1
    (refused,) = errors
    assert refused.messages == [services.MENTOR_BUSY]


def test_without_the_rule_a_mentor_is_booked_into_overlapping_slots(
    without, checks_together, overlapping_slots_of_one_mentor, mentor
):
    without("interview_mentor_never_overlaps")
    first, second, ana, bea = overlapping_slots_of_one_mentor

    errors = book_at_once([(first, ana), (second, bea)])

    assert errors == []
    assert Interview.objects.booked().filter(mentor=mentor).count() == 2
