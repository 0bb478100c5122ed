"""Who reads what of the evaluations, on the evaluation page and on the internship page:
the intern never reads the mentors' free text and reads their result only once the window
has closed; a mentor of the internship never reads the intern's evaluation of them (even one
who is also an org admin); org admins and program admins read both.

Access triad of these pages is in test_evaluation_view.py; here everyone is allowed (200) and
the question is what each page carries.
"""

import pytest
from django.urls import reverse

from notifications.models import Message
from programs.models import Membership
from tests.evaluations.evaluation_world import AFTER_MIDTERM, internship_at
from tests.factories import InternEvaluationFactory, MembershipFactory, MentorEvaluationFactory
from tests.projects.reminders_world import swept

pytestmark = pytest.mark.django_db

MENTOR_TEXT = ("Sloppy series, late twice.", "Silent for two weeks.", "Tests missing.")
INTERN_TEXT = ("Mira never answered on Fridays.", "The channel was cold.")


def pages(client, internship) -> str:
    """Both pages that show evaluations, and both phases, as one text."""
    addresses = [
        reverse("evaluations:internship", args=["gsoc-2027", internship.pk]),
        reverse("evaluations:evaluation", args=["gsoc-2027", internship.pk, "midterm"]),
        reverse("evaluations:evaluation", args=["gsoc-2027", internship.pk, "final"]),
    ]
    responses = [client.get(address) for address in addresses]
    assert [r.status_code for r in responses] == [200, 200, 200]
    return "".join(r.content.decode() for r in responses)


def evaluated(participation, applicant, mentor, *, weeks_in: float):
    internship = internship_at(participation, applicant, [mentor], weeks_in=weeks_in)
    progress, communication, code = MENTOR_TEXT
    MentorEvaluationFactory(
        internship=internship,
        result="pass",
        action="pay",
        progress=progress,
        communication=communication,
        code=code,
    )
    about_mentors, about_organization = INTERN_TEXT
    InternEvaluationFactory(
        internship=internship,
        about_mentors=about_mentors,
        about_organization=about_organization,
    )
    return internship


@pytest.fixture
def open_window(participation, applicant, mentor):
    return evaluated(participation, applicant, mentor, weeks_in=6.5)


@pytest.fixture
def closed_window(participation, applicant, mentor):
    return evaluated(participation, applicant, mentor, weeks_in=AFTER_MIDTERM)


def test_the_intern_never_reads_the_mentors_free_text(client, closed_window, applicant):
    client.force_login(applicant)

    html = pages(client, closed_window)

    for text in MENTOR_TEXT:
        assert text not in html


def test_the_intern_does_not_read_the_mentors_result_while_the_window_is_open(
    client, open_window, applicant
):
    client.force_login(applicant)
    url = reverse("evaluations:evaluation", args=["gsoc-2027", open_window.pk, "midterm"])

    response = client.get(url)

    assert response.context["view"].mentor_result is None
    assert response.context["view"].outcome is None
    assert 'id="mentor-result"' not in response.content.decode()
    assert "Known once the window closes" in pages(client, open_window)


def test_the_intern_reads_the_mentors_result_once_the_window_closed(
    client, closed_window, applicant
):
    client.force_login(applicant)
    url = reverse("evaluations:evaluation", args=["gsoc-2027", closed_window.pk, "midterm"])

    response = client.get(url)

    assert response.context["view"].mentor_result.label == "Pass"
    assert 'id="mentor-result"' in response.content.decode()
    assert response.context["view"].mentor is None  # the whole evaluation, never


def test_the_intern_reads_their_own_evaluation(client, open_window, applicant):
    client.force_login(applicant)

    html = pages(client, open_window)

    assert all(text in html for text in INTERN_TEXT)


def test_a_mentor_never_reads_the_interns_evaluation_of_them(client, closed_window, mentor):
    client.force_login(mentor)

    html = pages(client, closed_window)

    for text in INTERN_TEXT:
        assert text not in html
    assert all(text in html for text in MENTOR_TEXT)


def test_a_mentor_who_is_also_an_org_admin_still_never_reads_it(
    client, closed_window, participation, mentor
):
    MembershipFactory(participation=participation, user=mentor, role=Membership.Role.ORG_ADMIN)
    client.force_login(mentor)

    html = pages(client, closed_window)

    for text in INTERN_TEXT:
        assert text not in html


@pytest.mark.parametrize("person", ["org_admin", "program_admin"])
def test_org_admins_and_program_admins_read_both(client, open_window, person, request):
    client.force_login(request.getfixturevalue(person))

    html = pages(client, open_window)

    assert all(text in html for text in MENTOR_TEXT + INTERN_TEXT)


def test_the_phase_object_given_to_templates_carries_nothing_unreadable(
    client, open_window, mentor, applicant
):
    url = reverse("evaluations:evaluation", args=["gsoc-2027", open_window.pk, "midterm"])
    client.force_login(mentor)
    as_mentor = client.get(url).context["view"]
    client.force_login(applicant)
    as_intern = client.get(url).context["view"]

    assert as_mentor.intern is None
    assert as_mentor.outcome.intern is None and as_mentor.outcome.mentor is None
    assert as_intern.mentor is None and as_intern.outcome is None


def test_the_organizations_csv_never_carries_either_sides_words(
    client, closed_window, participation, mentor
):
    """A mentor who is also an org admin downloads the organization's table: results and
    states only, never what anyone wrote."""
    MembershipFactory(participation=participation, user=mentor, role=Membership.Role.ORG_ADMIN)
    client.force_login(mentor)
    address = reverse(
        "evaluations:org_internships_csv", args=["gsoc-2027", participation.organization.slug]
    )

    response = client.get(address)
    text = b"".join(response.streaming_content).decode()

    assert response.status_code == 200 and closed_window.intern.name in text
    for words in INTERN_TEXT + MENTOR_TEXT:
        assert words not in text


def test_no_email_about_the_evaluations_carries_the_interns_words(
    closed_window, mentor, django_capture_on_commit_callbacks
):
    """Every message the sweeps make for the internship (the outcome at the close, and any
    reminder), to anyone: none quotes the intern's evaluation."""
    with django_capture_on_commit_callbacks(execute=True):
        made = swept(closed_window.midterm_closes, "evaluation_outcome")
    assert mentor in {message.recipient for message in made}

    for message in Message.objects.all():
        for words in INTERN_TEXT:
            assert words not in message.subject + message.text + message.html
