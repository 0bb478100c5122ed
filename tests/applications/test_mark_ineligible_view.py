"""A program admin's verdict on an application.

Access: program admins act (200); the applicant and the mentors and org admins of an
organization the applicant contributed to see the application elsewhere (403); another
applicant and mentors of another organization get 404.
"""

import pytest
from django.urls import reverse

from tests.factories import (
    ApplicationFactory,
    ContributionFactory,
    ProposalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(applicant, round_, participation):
    ContributionFactory(applicant=applicant, participation=participation)
    return ApplicationFactory(applicant=applicant, round=round_)


def url(application) -> str:
    return reverse("applications:mark_ineligible", args=["gsoc-2027", application.pk])


def test_a_program_admin_marks_an_applicant_ineligible_and_undoes_it(
    client, application, program_admin
):
    client.force_login(program_admin)
    page = client.get(url(application))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("private")

    response = client.post(url(application), {"reason": "Already an intern."})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.ineligible_reason == "Already an intern."
    assert application.marked_ineligible_by == program_admin

    client.post(url(application), {"action": "eligible"})
    application.refresh_from_db()
    assert application.is_eligible


def test_a_reason_is_required_and_nothing_changes_without_it(client, application, program_admin):
    client.force_login(program_admin)

    response = client.post(url(application), {"reason": ""})

    assert response.status_code == 400
    application.refresh_from_db()
    assert application.is_eligible


@pytest.mark.parametrize("who", ["applicant", "mentor", "org_admin"])
def test_people_who_see_the_application_get_403(client, application, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(url(application)).status_code == 403
    assert client.post(url(application), {"reason": "Mine."}).status_code == 403
    application.refresh_from_db()
    assert application.is_eligible


def test_another_applicant_gets_404(client, application):
    client.force_login(UserFactory())

    assert client.get(url(application)).status_code == 404


def test_a_mentor_of_another_organization_gets_404(client, application, outsider):
    client.force_login(outsider)

    assert client.get(url(application)).status_code == 404


def test_mentors_of_an_organization_the_applicant_proposed_to_get_403(
    client, applicant, round_, participation, mentor
):
    application = ApplicationFactory(applicant=applicant, round=round_)
    ProposalFactory(application=application, idea__participation=participation)
    client.force_login(mentor)

    assert client.get(url(application)).status_code == 403
