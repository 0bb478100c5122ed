"""The applicant's application: saved during the application period, changed until the
deadline to the second, every rule of the round checked by the server, and what the
proposals ask (`application_ready`)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from applications.models import Application
from applications.services.eligibility import (
    CommitmentRow,
    Refusal,
    application_ready,
    application_save,
    mark_eligible,
    mark_ineligible,
    require_application_ready,
)
from people.dates import moment_for

pytestmark = pytest.mark.django_db

EXAMS = CommitmentRow(what="Exams", starts_on=date(2027, 6, 1), ends_on=date(2027, 6, 14))


def save(applicant, round_, **answers):
    return application_save(applicant=applicant, round_=round_, **{"hours_per_week": 30, **answers})


def test_an_applicant_saves_their_answers_and_commitments_once_per_round(applicant, round_):
    save(applicant, round_, commitments=[EXAMS])
    application = save(applicant, round_, hours_per_week=25, commitments=[])

    assert Application.objects.filter(applicant=applicant, round=round_).count() == 1
    application.refresh_from_db()
    assert application.hours_per_week == 25
    assert application.commitments.count() == 0


def test_commitments_are_kept_with_their_dates(applicant, round_):
    application = save(applicant, round_, commitments=[EXAMS])

    assert [(c.what, c.starts_on, c.ends_on) for c in application.commitments.all()] == [
        ("Exams", date(2027, 6, 1), date(2027, 6, 14))
    ]


def test_a_commitment_that_ends_before_it_starts_is_refused(applicant, round_):
    backwards = CommitmentRow(what="Job", starts_on=date(2027, 7, 2), ends_on=date(2027, 7, 1))

    with pytest.raises(ValidationError, match="ends before it starts"):
        save(applicant, round_, commitments=[backwards])

    assert not Application.objects.exists()


def test_a_change_a_second_before_the_deadline_is_accepted(applicant, round_):
    with time_machine.travel(round_.applications_close - timedelta(seconds=1), tick=False):
        application = save(applicant, round_, hours_per_week=12)

    assert application.hours_per_week == 12


def test_a_change_a_second_after_the_deadline_is_refused_naming_it_in_the_applicants_zone(
    applicant, round_
):
    save(applicant, round_, hours_per_week=30)

    with (
        time_machine.travel(round_.applications_close + timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError) as refused,
    ):
        save(applicant, round_, hours_per_week=12)

    deadline = moment_for(applicant, round_.applications_close)
    assert deadline.endswith("IST")  # Ana lives in Asia/Kolkata
    assert deadline in refused.value.messages[0]
    assert Application.objects.get().hours_per_week == 30


def test_before_applications_open_nothing_is_saved(applicant, round_):
    with (
        time_machine.travel(round_.applications_open - timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError, match="open on"),
    ):
        save(applicant, round_)


def test_a_students_only_round_refuses_a_non_student(applicant, round_):
    round_.rules.students_only = True
    round_.rules.save()

    with pytest.raises(ValidationError, match="enrolled students only"):
        save(applicant, round_, is_student=False)
    with pytest.raises(ValidationError, match="say whether you are enrolled"):
        save(applicant, round_, is_student=None)

    assert save(applicant, round_, is_student=True).is_student is True


def test_the_student_answer_is_dropped_where_the_rules_do_not_ask(applicant, round_):
    assert save(applicant, round_, is_student=False).is_student is None


def test_the_country_is_required_only_where_the_program_pays_through_it(applicant, round_):
    assert save(applicant, round_, country="IN").country == ""

    round_.rules.asks_country_for_payments = True
    round_.rules.save()
    with pytest.raises(ValidationError, match="which country"):
        save(applicant, round_, country="")
    with pytest.raises(ValidationError, match="which country"):
        save(applicant, round_, country="XX")
    assert save(applicant, round_, country="in").country == "IN"


def test_a_mentor_of_the_round_does_not_apply(mentor, round_):
    with pytest.raises(ValidationError, match="hold a role"):
        save(mentor, round_)


def test_hours_above_a_week_are_refused(applicant, round_):
    with pytest.raises(ValidationError, match="between 0 and 168"):
        save(applicant, round_, hours_per_week=169)


# --- application_ready: what the proposals ask ----------------------------------------------


def test_without_an_application_the_applicant_is_asked_to_fill_it_in(applicant, round_):
    ready = application_ready(applicant=applicant, round_=round_)

    assert isinstance(ready, Refusal)
    assert "Fill in your application" in ready.reason


def test_a_filled_in_application_is_ready(applicant, round_):
    application = save(applicant, round_)

    assert application_ready(applicant=applicant, round_=round_) == application
    assert require_application_ready(applicant=applicant, round_=round_) == application


def test_a_non_student_cannot_propose_once_the_round_is_for_students_only(applicant, round_):
    save(applicant, round_)  # before the rule changed
    round_.rules.students_only = True
    round_.rules.save()

    ready = application_ready(applicant=applicant, round_=round_)

    assert isinstance(ready, Refusal)
    assert "enrolled students only" in ready.reason
    with pytest.raises(ValidationError, match="enrolled students only"):
        require_application_ready(applicant=applicant, round_=round_)


def test_an_ineligible_applicant_cannot_propose_until_the_verdict_is_undone(
    applicant, round_, program_admin
):
    application = save(applicant, round_)

    mark_ineligible(application=application, by=program_admin, reason="Already an intern.")

    ready = application_ready(applicant=applicant, round_=round_)
    assert isinstance(ready, Refusal)
    assert ready.reason.endswith("Already an intern.")
    with pytest.raises(ValidationError, match="marked you ineligible"):
        require_application_ready(applicant=applicant, round_=round_)

    mark_eligible(application=application, by=program_admin)
    assert application_ready(applicant=applicant, round_=round_) == application


# --- The program admin's verdict ------------------------------------------------------------


def test_marking_ineligible_records_who_when_and_why(applicant, round_, program_admin):
    application = save(applicant, round_)

    with time_machine.travel(round_.applications_open + timedelta(days=2), tick=False):
        marked = mark_ineligible(application=application, by=program_admin, reason="  Too young. ")

    marked.refresh_from_db()
    assert marked.ineligible_reason == "Too young."
    assert marked.marked_ineligible_by == program_admin
    assert marked.marked_ineligible_at == round_.applications_open + timedelta(days=2)


def test_only_program_admins_mark_ineligible_and_always_with_a_reason(
    applicant, round_, program_admin, org_admin
):
    application = save(applicant, round_)

    with pytest.raises(ValidationError, match="Only program admins"):
        mark_ineligible(application=application, by=org_admin, reason="No.")
    with pytest.raises(ValidationError, match="Say why"):
        mark_ineligible(application=application, by=program_admin, reason="   ")
    with pytest.raises(ValidationError, match="Only program admins"):
        mark_eligible(application=application, by=org_admin)

    application.refresh_from_db()
    assert application.is_eligible


def test_changing_the_answers_keeps_the_verdict(applicant, round_, program_admin):
    application = save(applicant, round_)
    mark_ineligible(application=application, by=program_admin, reason="Already an intern.")

    save(applicant, round_, hours_per_week=10)

    application.refresh_from_db()
    assert application.ineligible_reason == "Already an intern."
