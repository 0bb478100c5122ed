"""The internship page's evaluations section, its outcome column: each phase's computed
outcome and why. The intern reads it once the window closed (or a program admin decided it);
mentors and admins as soon as it is known; nobody reads the mentors' answers there.

Access is the internship page's (tested in test_internship_view.py): outsiders 404, its
people and admins 200; the section itself has nothing read-only to refuse (403 is on
deciding, test_decide_view.py)."""

import pytest
from django.urls import reverse

from tests.evaluations.internship_world import running_internship
from tests.factories import DecisionFactory, InternEvaluationFactory, MentorEvaluationFactory

pytestmark = pytest.mark.django_db
FREE_TEXT = "Secretly behind on the parser."


def page_of(client, person, internship) -> str:
    client.force_login(person)
    response = client.get(reverse("evaluations:internship", args=["gsoc-2027", internship.pk]))
    assert response.status_code == 200
    return response.content.decode()


def section(page: str) -> str:
    return page.split('id="evaluations-section"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def open_window(participation, applicant, mentor):
    """Six and a half weeks in: the midterm window (weeks 6 to 7) is open, both sides in."""
    made = running_internship(participation, applicant, [mentor], weeks_in=6.5)
    MentorEvaluationFactory(internship=made, progress=FREE_TEXT)
    InternEvaluationFactory(internship=made)
    return made


def test_the_intern_does_not_read_the_result_while_the_window_is_open(
    client, open_window, applicant
):
    shown = section(page_of(client, applicant, open_window))

    assert "Known once the window closes" in shown
    assert "Passed" not in shown


def test_mentors_and_admins_read_it_while_the_window_is_open(
    client, open_window, mentor, org_admin, program_admin
):
    for person in (mentor, org_admin, program_admin):
        shown = section(page_of(client, person, open_window))
        assert "The mentors&#x27; evaluation is a pass." in shown


def test_the_intern_reads_the_result_once_the_window_closed_never_the_mentors_text(
    client, participation, applicant, mentor
):
    closed = running_internship(participation, applicant, [mentor], weeks_in=8)
    MentorEvaluationFactory(internship=closed, progress=FREE_TEXT)
    InternEvaluationFactory(internship=closed)

    page = page_of(client, applicant, closed)

    assert "The mentors&#x27; evaluation is a pass." in section(page)
    assert FREE_TEXT not in page


def test_a_decision_shows_locked_with_its_reason_even_to_the_intern_before_the_close(
    client, open_window, applicant
):
    DecisionFactory(internship=open_window, outcome="held", reason="Pending the tax form.")

    shown = section(page_of(client, applicant, open_window))

    assert "Decided by a program admin: Pending the tax form." in shown
    assert "Locked" in shown


def test_program_admins_see_the_mentors_request_for_an_extension_with_the_way_to_grant_it(
    client, participation, applicant, mentor, program_admin, org_admin
):
    asked = running_internship(participation, applicant, [mentor], weeks_in=6.5)
    MentorEvaluationFactory(internship=asked, action="extend", extend_weeks=2)
    extend_url = reverse("evaluations:internship_extend", args=["gsoc-2027", asked.pk])

    shown = section(page_of(client, program_admin, asked))
    assert "the mentors ask for an extension of 2 weeks." in shown
    assert extend_url in shown
    # Org admins read the request; granting it is the program admins'.
    assert extend_url not in section(page_of(client, org_admin, asked))
