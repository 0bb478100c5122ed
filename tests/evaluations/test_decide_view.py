"""A program admin decides a phase's outcome.

Access: program admins (200, then 302); the intern, its mentors and the organization's admins
see the internship but get 403 here; people of another organization 404; anonymous people
log in first. The decision locks the outcome, the status follows at once, and the page shows
what the site computed and why; a refusal keeps what was typed.
"""

import pytest
from django.urls import reverse

from evaluations.models import Decision, Internship, Payment
from tests.evaluations.internship_world import running_internship
from tests.factories import DecisionFactory, MentorEvaluationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def internship(participation, applicant, mentor):
    # Eight weeks in: the midterm window (weeks 6 to 7) closed with the mentors' pass alone.
    made = running_internship(participation, applicant, [mentor], weeks_in=8)
    MentorEvaluationFactory(internship=made)
    return made


def url(internship, phase="midterm") -> str:
    return reverse("evaluations:decide", args=["gsoc-2027", internship.pk, phase])


def test_a_program_admin_sees_the_computed_outcome_and_decides(client, internship, program_admin):
    client.force_login(program_admin)

    page = client.get(url(internship))
    assert page.status_code == 200
    assert "Passed, payment held" in page.content.decode()
    assert "The intern&#x27;s evaluation never came" in page.content.decode()

    response = client.post(url(internship), {"outcome": "passed", "reason": "Intern was ill."})

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.outcome, decision.by, decision.reason) == (
        "passed",
        program_admin,
        "Intern was ill.",
    )
    assert Internship.objects.get().status == "midterm_passed"
    assert Payment.objects.get(milestone="midterm").status == "waiting"
    shown = client.get(response.url).content.decode()
    assert "Decided by a program admin: Intern was ill." in shown
    assert "Locked" in shown


@pytest.mark.parametrize("person", ["applicant", "mentor", "org_admin"])
def test_its_people_and_org_admins_get_403(client, internship, person, request):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url(internship)).status_code == 403
    assert client.post(url(internship), {"outcome": "failed", "reason": "x"}).status_code == 403
    assert not Decision.objects.exists()


def test_people_of_another_organization_get_404(client, internship, outsider):
    client.force_login(outsider)

    assert client.get(url(internship)).status_code == 404


def test_an_unknown_phase_is_404(client, internship, program_admin):
    client.force_login(program_admin)

    assert client.get(url(internship, "bonus")).status_code == 404


def test_anonymous_people_log_in_first(client, internship):
    response = client.get(url(internship))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_page_is_private(client, internship, program_admin):
    client.force_login(program_admin)

    assert "private" in client.get(url(internship))["Cache-Control"]


def test_a_missing_reason_is_refused_and_the_choice_kept(client, internship, program_admin):
    client.force_login(program_admin)

    response = client.post(url(internship), {"outcome": "failed", "reason": "  "})

    assert response.status_code == 400
    assert 'value="failed" required id="id_outcome_2" checked' in response.content.decode()
    assert not Decision.objects.exists()


def test_a_second_decision_is_refused_with_what_was_typed_kept(client, internship, program_admin):
    DecisionFactory(internship=internship, outcome="held", by=program_admin)
    client.force_login(program_admin)

    response = client.post(url(internship), {"outcome": "failed", "reason": "Second thoughts."})

    assert response.status_code == 400
    page = response.content.decode()
    assert "The midterm is decided already" in page
    assert Decision.objects.get().outcome == "held"


def test_the_final_waits_for_the_midterm(client, internship, program_admin):
    client.force_login(program_admin)

    response = client.post(url(internship, "final"), {"outcome": "passed", "reason": "All merged."})

    assert response.status_code == 400
    assert "the final is not waiting for a decision" in response.content.decode()
    assert "All merged." in response.content.decode()


def test_the_internship_page_links_the_decision_for_program_admins_only(
    client, internship, program_admin, org_admin
):
    page = reverse("evaluations:internship", args=["gsoc-2027", internship.pk])
    client.force_login(program_admin)
    assert url(internship) in client.get(page).content.decode()
    client.force_login(org_admin)
    assert url(internship) not in client.get(page).content.decode()


def test_the_view_answers_in_the_same_queries_for_an_internship_among_many(
    client, internship, program_admin, participation, mentor, django_assert_num_queries
):
    from tests.evaluations import bulk

    client.force_login(program_admin)
    client.get(url(internship))
    # session, user; the internship with its people and rules, its mentors; the viewer's
    # roles; its evaluations, its decisions
    with django_assert_num_queries(7) as few:
        client.get(url(internship))
    bulk.internships(participation, 50, mentor=mentor)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url(internship))


def test_a_phase_not_waiting_shows_why_instead_of_the_form(client, internship, program_admin):
    client.force_login(program_admin)

    page = client.get(url(internship, "final")).content.decode()

    assert "the final is not waiting for a decision (decide the midterm first)" in page
    assert "<form" not in page.split('id="not-waiting"', 1)[1].split("</main>", 1)[0]
