"""An internship's status changes only through the services, each change recorded with who,
when and why; its intern or an org admin ends it early, with a reason."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluations.models import Internship, InternshipEvent
from evaluations.services.internships import change_status, follow_selection_change, withdraw
from notifications.models import Message
from tests.evaluations.internship_world import running_internship

pytestmark = [pytest.mark.services, pytest.mark.django_db]
Status = Internship.Status


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor])


def test_the_intern_withdraws_with_a_reason_and_the_change_is_recorded(internship, applicant):
    moment = timezone.now().replace(microsecond=0)
    with time_machine.travel(moment, tick=False):
        event = withdraw(internship=internship, by=applicant, reason="A full-time job offer.")

    internship.refresh_from_db()
    assert internship.status == Status.WITHDRAWN
    assert internship.status_changed_at == moment
    assert (event.from_status, event.to_status, event.by, event.at, event.reason) == (
        Status.ACTIVE,
        Status.WITHDRAWN,
        applicant,
        moment,
        "A full-time job offer.",
    )


def test_an_org_admin_may_end_an_internship_early(internship, org_admin):
    withdraw(internship=internship, by=org_admin, reason="The intern stopped answering.")

    internship.refresh_from_db()
    assert internship.status == Status.WITHDRAWN


def test_a_mentor_a_program_admin_and_an_outsider_may_not(
    internship, mentor, program_admin, outsider
):
    for person in (mentor, program_admin, outsider):
        with pytest.raises(ValidationError, match="Only the intern or an admin"):
            withdraw(internship=internship, by=person, reason="No.")
    assert not InternshipEvent.objects.exists()


def test_ending_early_needs_a_reason(internship, applicant):
    with pytest.raises(ValidationError, match="the reason is required"):
        withdraw(internship=internship, by=applicant, reason="   ")


def test_an_internship_already_over_cannot_be_ended_early(internship, applicant, org_admin):
    withdraw(internship=internship, by=applicant, reason="Moving abroad.")

    with pytest.raises(ValidationError, match="already withdrawn"):
        withdraw(internship=internship, by=org_admin, reason="Again.")
    assert InternshipEvent.objects.count() == 1


def test_the_status_moves_only_along_the_allowed_paths(internship, program_admin):
    change_status(internship=internship, to=Status.MIDTERM_PASSED, by=None, reason="")
    change_status(internship=internship, to=Status.COMPLETED, by=program_admin, reason="Done.")

    with pytest.raises(ValidationError, match="completed cannot become in progress"):
        change_status(internship=internship, to=Status.ACTIVE, by=program_admin, reason="")
    assert list(internship.events.values_list("from_status", "to_status")) == [
        (Status.ACTIVE, Status.MIDTERM_PASSED),
        (Status.MIDTERM_PASSED, Status.COMPLETED),
    ]


def test_an_active_internship_cannot_skip_the_midterm_to_completion(internship):
    with pytest.raises(ValidationError, match="cannot become completed"):
        change_status(internship=internship, to=Status.COMPLETED, by=None, reason="")
    internship.refresh_from_db()
    assert internship.status == Status.ACTIVE


def test_a_change_reads_the_status_as_it_stands_now_not_as_the_caller_loaded_it(
    internship, applicant
):
    stale = Internship.objects.get(pk=internship.pk)
    change_status(internship=internship, to=Status.FAILED, by=None, reason="Midterm failed.")

    with pytest.raises(ValidationError, match="failed cannot become withdrawn"):
        change_status(internship=stale, to=Status.WITHDRAWN, by=applicant, reason="Late.")


def test_ending_early_tells_the_others_once_and_not_the_one_who_did_it(
    internship, applicant, mentor, org_admin
):
    withdraw(internship=internship, by=applicant, reason="A full-time job offer.")

    sent = Message.objects.filter(kind="internship_withdrawn")
    assert {m.recipient for m in sent} == {mentor, org_admin}
    (to_mentor,) = [m for m in sent if m.recipient == mentor]
    assert "A full-time job offer." in to_mentor.text
    assert "by Ana Applicant" in to_mentor.text


def test_a_selection_change_after_the_results_withdraws_and_brings_back_recorded(
    internship, program_admin
):
    out = follow_selection_change(
        internship=internship, selected=False, by=program_admin, reason="Conflict resolved."
    )
    back = follow_selection_change(
        internship=internship, selected=True, by=program_admin, reason="Reversed."
    )

    assert (out.from_status, out.to_status) == (Status.ACTIVE, Status.WITHDRAWN)
    assert (back.from_status, back.to_status) == (Status.WITHDRAWN, Status.ACTIVE)
    internship.refresh_from_db()
    assert internship.status == Status.ACTIVE
    # Selected while active, or deselected once over: nothing to follow.
    assert follow_selection_change(internship=internship, selected=True, by=None, reason="") is None
