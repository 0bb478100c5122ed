"""The applicant's application page (the eligibility answers).

Access: the address names no one, so each signed-in person reaches only their own answers
(another applicant's never show); the round's mentors and org admins do not apply (403); an
unknown round is 404; anonymous people log in first.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from applications.models import Application
from people.dates import moment_for
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("applications:application_form", args=["gsoc-2027"])


def answers(**overrides) -> dict:
    data = {
        "hours_per_week": "30",
        "commitments-TOTAL_FORMS": "3",
        "commitments-INITIAL_FORMS": "0",
        "commitments-MIN_NUM_FORMS": "0",
        "commitments-MAX_NUM_FORMS": "20",
        "commitments-0-what": "Exams",
        "commitments-0-starts_on": "2027-06-01",
        "commitments-0-ends_on": "2027-06-10",
    }
    data.update(overrides)
    return data


def test_an_applicant_fills_in_their_application(client, applicant, round_):
    client.force_login(applicant)

    page = client.get(URL)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("private")
    assert "Asia/Kolkata" in page.content.decode()  # their zone, from the profile

    response = client.post(URL, answers())

    assert response.status_code == 302
    application = Application.objects.get(applicant=applicant, round=round_)
    assert application.hours_per_week == 30
    assert [c.what for c in application.commitments.all()] == ["Exams"]


def test_another_applicants_answers_never_show(client, applicant, round_):
    ApplicationFactory(
        round=round_, applicant=UserFactory(), hours_per_week=7, country="", is_student=None
    )
    client.force_login(applicant)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["application"] is None
    assert response.context["form"]["hours_per_week"].value() is None


def test_a_mentor_of_the_round_gets_403(client, mentor, round_):
    client.force_login(mentor)

    assert client.get(URL).status_code == 403


def test_a_mentor_of_another_organization_of_the_round_gets_403_too(client, outsider, round_):
    client.force_login(outsider)

    assert client.get(URL).status_code == 403


def test_an_unknown_round_is_404(client, applicant, round_):
    client.force_login(applicant)

    assert client.get(reverse("applications:application_form", args=["nope"])).status_code == 404


def test_anonymous_people_log_in_first(client, round_):
    assert client.get(URL).status_code == 302


def test_after_the_deadline_the_form_refuses_and_keeps_what_was_typed(client, applicant, round_):
    client.force_login(applicant)
    client.post(URL, answers())

    with time_machine.travel(round_.applications_close + timedelta(seconds=1), tick=False):
        response = client.post(URL, answers(hours_per_week="12", **{"commitments-0-what": "Job"}))

    assert response.status_code == 400
    page = response.content.decode()
    assert moment_for(applicant, round_.applications_close) in page
    assert response.context["form"]["hours_per_week"].value() == "12"
    assert response.context["formset"].forms[0]["what"].value() == "Job"
    assert Application.objects.get().hours_per_week == 30


def test_a_second_before_the_deadline_the_change_is_saved(client, applicant, round_):
    client.force_login(applicant)

    with time_machine.travel(round_.applications_close - timedelta(seconds=1), tick=False):
        response = client.post(URL, answers(hours_per_week="12"))

    assert response.status_code == 302
    assert Application.objects.get().hours_per_week == 12


def test_a_students_only_round_asks_and_refuses_a_non_student(client, applicant, round_):
    round_.rules.students_only = True
    round_.rules.save()
    client.force_login(applicant)

    assert "is_student" in client.get(URL).context["form"].fields

    response = client.post(URL, answers(is_student="no"))

    assert response.status_code == 400
    assert "enrolled students only" in response.content.decode()
    assert not Application.objects.exists()


def test_the_country_is_asked_only_where_the_program_pays_through_it(client, applicant, round_):
    client.force_login(applicant)
    assert "country" not in client.get(URL).context["form"].fields

    round_.rules.asks_country_for_payments = True
    round_.rules.save()
    response = client.post(URL, answers(country="IN"))

    assert response.status_code == 302
    assert Application.objects.get().country == "IN"


def test_an_ineligible_applicant_reads_the_reason(client, applicant, round_, program_admin):
    application = ApplicationFactory(applicant=applicant, round=round_)
    application.ineligible_reason = "Already an intern of this program."
    application.marked_ineligible_by = program_admin
    application.marked_ineligible_at = round_.applications_open
    application.save()
    client.force_login(applicant)

    page = client.get(URL).content.decode()

    assert "Already an intern of this program." in page
    assert "cannot submit proposals" in page


def test_a_half_filled_commitment_row_is_an_error_that_keeps_the_row(client, applicant, round_):
    client.force_login(applicant)

    response = client.post(URL, answers(**{"commitments-0-ends_on": ""}))

    assert response.status_code == 400
    assert response.context["formset"].forms[0]["what"].value() == "Exams"
    assert not Application.objects.exists()
