"""The internship page's payments: each milestone's share and state, a held one with why; for
its intern, the organization's admins and program admins. Its mentors do not see them (the
stipend is between the intern and the program: evaluations.permissions).

Access to the page itself is tested in test_internship_view.py (outsiders 404, its people and
admins 200); here, who sees the section on it.
"""

import pytest
from django.urls import reverse

from evaluations.services import payments as services
from tests.evaluations import bulk
from tests.evaluations.internship_world import running_internship
from tests.evaluations.payment_world import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor])


@pytest.fixture
def paid(internship, program_admin):
    """Start approved and exported, midterm held with why, final waiting."""
    round_ = internship.participation.round
    approved(services.authorize(internship, "start"), program_admin)
    services.export(round_=round_, by=program_admin)
    services.authorize(internship, "midterm", held_because="The intern's evaluation is missing.")
    services.authorize(internship, "final")
    return internship


def url(internship) -> str:
    return reverse("evaluations:internship", args=["gsoc-2027", internship.pk])


@pytest.mark.parametrize("person", ["applicant", "org_admin", "program_admin"])
def test_the_intern_and_the_admins_see_each_payment_and_why_one_is_held(
    client, paid, person, request
):
    client.force_login(request.getfixturevalue(person))

    page = client.get(url(paid)).content.decode()

    assert 'id="payments"' in page
    assert "Sent for payment" in page
    assert "Held</span> The intern&#x27;s evaluation is missing." in page
    assert "Waiting for approval</span>" in page
    assert "45%" in page


def test_its_mentors_do_not_see_the_payments(client, paid, mentor):
    client.force_login(mentor)

    response = client.get(url(paid))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="payments"' not in page
    assert "evaluation is missing" not in page


def test_only_program_admins_are_led_to_the_rounds_payments(client, paid, program_admin, applicant):
    link = reverse("evaluations:payments", args=["gsoc-2027"])
    client.force_login(applicant)
    assert link not in client.get(url(paid)).content.decode()

    client.force_login(program_admin)
    assert link in client.get(url(paid)).content.decode()


def test_before_any_payment_the_intern_reads_what_will_authorize_one(client, internship, applicant):
    client.force_login(applicant)

    page = client.get(url(internship)).content.decode()

    assert "No payment yet" in page


def test_the_section_costs_one_query_however_many_payments_the_round_has(
    client, paid, participation, applicant, django_assert_num_queries
):
    client.force_login(applicant)
    # session, user; the internship, its mentors; roles; meetings; record; the evaluations
    # section's evaluations and decisions; its payments
    with django_assert_num_queries(10) as few:
        client.get(url(paid))
    others = bulk.internships(participation, 50)
    for other in others:
        services.authorize(other, "start")

    with django_assert_num_queries(10):
        client.get(url(paid))
    assert any("evaluations_payment" in q["sql"] for q in few.captured_queries)
