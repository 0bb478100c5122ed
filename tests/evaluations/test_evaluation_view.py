"""The evaluation page of a phase: each reads what they may, and gives their side once.

Access: the intern, the mentors and the organization's admins (who give the mentors' side in
their place) read and submit (200); program admins read (200) and may not submit (403);
people of another organization, and mentors of the organization who do not mentor it, 404;
anonymous people log in first.
"""

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Evaluation
from tests.evaluations import bulk
from tests.evaluations.evaluation_world import (
    AFTER_MIDTERM,
    BEFORE_MIDTERM,
    IN_FINAL,
    internship_at,
)
from tests.evaluations.internship_world import meeting
from tests.factories import (
    InternEvaluationFactory,
    MembershipFactory,
    MentorEvaluationFactory,
    ProposalFactory,
    ProposalWeekFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASS = {
    "result": "pass",
    "action": "pay",
    "progress": "Weeks 1 to 6 as planned.",
    "communication": "Weekly meetings.",
    "code": "Clean series.",
}
INTERN = {"about_mentors": "Mira reviews within a day.", "about_organization": "Welcoming."}


@pytest.fixture
def internship(participation, applicant, mentor):
    return internship_at(participation, applicant, [mentor], project_title="Disk backup")


def url(internship, phase="midterm") -> str:
    return reverse("evaluations:evaluation", args=["gsoc-2027", internship.pk, phase])


# --- Access ---------------------------------------------------------------------------------


def test_people_of_another_organization_get_404_reading_or_submitting(client, internship, outsider):
    client.force_login(outsider)

    assert client.get(url(internship)).status_code == 404
    assert client.post(url(internship), PASS).status_code == 404
    assert not Evaluation.objects.exists()


def test_a_mentor_of_the_organization_who_does_not_mentor_it_gets_404(
    client, internship, participation
):
    other = UserFactory()
    MembershipFactory(participation=participation, user=other)
    client.force_login(other)

    assert client.get(url(internship)).status_code == 404


def test_program_admins_read_it_and_may_not_submit(client, internship, program_admin):
    client.force_login(program_admin)

    page = client.get(url(internship))
    refused = client.post(url(internship), PASS)

    assert page.status_code == 200
    assert "<form" not in page.content.decode().split('id="mentors-side"')[1]
    assert refused.status_code == 403
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("person", ["applicant", "mentor", "org_admin"])
def test_its_people_and_org_admins_get_their_form(client, internship, person, request):
    client.force_login(request.getfixturevalue(person))

    response = client.get(url(internship))

    assert response.status_code == 200
    assert response.context["form"] is not None
    assert response["Cache-Control"] == "private, no-store"


def test_anonymous_people_log_in_first(client, internship):
    response = client.get(url(internship))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize("phase", ["kickoff", "MIDTERM", "final1"])
def test_an_unknown_phase_is_not_found(client, internship, mentor, phase):
    client.force_login(mentor)

    assert client.get(url(internship, phase)).status_code == 404


# --- Submitting -----------------------------------------------------------------------------


def test_a_mentor_submits_and_the_page_shows_it_with_no_form_to_change_it(
    client, internship, mentor
):
    client.force_login(mentor)

    response = client.post(url(internship), PASS)
    page = client.get(url(internship))

    assert response.status_code == 302
    (evaluation,) = Evaluation.objects.all()
    assert (evaluation.result, evaluation.submitted_by) == ("pass", mentor)
    assert page.context["form"] is None
    assert "Weeks 1 to 6 as planned." in page.content.decode()


def test_posting_again_is_refused_and_nothing_changes(client, internship, mentor):
    client.force_login(mentor)
    client.post(url(internship), PASS)

    response = client.post(url(internship), {**PASS, "code": "Rewritten."})

    assert response.status_code == 400
    assert "cannot be changed" in response.content.decode()
    assert Evaluation.objects.get().code == "Clean series."


def test_a_second_co_mentor_gets_a_clear_message_not_an_error_page(
    client, internship, participation, mentor
):
    co_mentor = UserFactory(display_name="Cora Comentor")
    MembershipFactory(participation=participation, user=co_mentor)
    internship.mentors.add(co_mentor)
    MentorEvaluationFactory(internship=internship, submitted_by=mentor)
    client.force_login(co_mentor)

    response = client.post(url(internship), {**PASS, "result": "fail", "action": "end"})

    assert response.status_code == 400
    assert "already submitted by Mira Mentor" in response.content.decode()


def test_a_contradiction_is_named_on_the_form_which_keeps_what_was_typed(
    client, internship, mentor
):
    client.force_login(mentor)

    response = client.post(
        url(internship), {**PASS, "result": "fail", "action": "pay", "code": "Half done."}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "A fail cannot be paid" in page
    assert "Half done." in page
    assert not Evaluation.objects.exists()


def test_extend_asks_how_many_weeks_within_the_rounds_limit(client, internship, mentor, round_):
    round_.rules.extension_max_weeks = 2
    round_.rules.save()
    client.force_login(mentor)

    none = client.post(url(internship), {**PASS, "action": "extend"})
    too_many = client.post(url(internship), {**PASS, "action": "extend", "extend_weeks": "3"})
    asked = client.post(url(internship), {**PASS, "action": "extend", "extend_weeks": "2"})

    assert none.status_code == too_many.status_code == 400
    assert "how many weeks" in none.content.decode()
    assert asked.status_code == 302
    assert Evaluation.objects.get().extend_weeks == 2


def test_outside_the_window_the_form_gives_way_to_the_window_in_the_viewers_zone(
    client, participation, applicant, mentor
):
    internship = internship_at(participation, applicant, [mentor], weeks_in=BEFORE_MIDTERM)
    client.force_login(mentor)

    page = client.get(url(internship))
    refused = client.post(url(internship), PASS)

    assert page.context["form"] is None
    assert "has not opened yet" in page.content.decode()
    berlin = timezone.localtime(internship.midterm_opens, ZoneInfo("Europe/Berlin"))
    assert berlin.strftime("%H:%M") in page.content.decode()
    assert berlin.tzname() in page.content.decode()
    assert refused.status_code == 400
    assert not Evaluation.objects.exists()


def test_the_intern_gives_the_link_to_the_work_at_the_final_only(
    client, participation, applicant, mentor
):
    internship = internship_at(participation, applicant, [mentor], weeks_in=IN_FINAL)
    MentorEvaluationFactory(internship=internship)
    client.force_login(applicant)

    midterm_form = client.get(url(internship, "midterm")).context["form"]
    missing = client.post(url(internship, "final"), INTERN)
    given = client.post(
        url(internship, "final"), {**INTERN, "work_url": "https://gitlab.com/qemu/backup"}
    )

    assert midterm_form is None  # the midterm window closed
    assert missing.status_code == 400
    assert "work_url" in missing.context["form"].errors
    assert given.status_code == 302
    assert Evaluation.objects.get(phase="final").work_url == "https://gitlab.com/qemu/backup"


def test_the_proposals_weeks_sit_beside_the_mentors_form(client, participation, applicant, mentor):
    proposal = ProposalFactory(application__round=participation.round, applicant=applicant)
    ProposalWeekFactory(proposal=proposal, number=3, deliverable="The incremental backup job")
    internship = internship_at(participation, applicant, [mentor], proposal=proposal)
    client.force_login(mentor)

    page = client.get(url(internship)).content.decode()

    assert 'id="schedule"' in page
    assert "The incremental backup job" in page


def test_each_weeks_meeting_sits_beside_the_plan(client, internship, applicant, mentor):
    meeting(internship, 2, applicant, confirmed_by=mentor)
    client.force_login(mentor)

    response = client.get(url(internship))

    rows = response.context["schedule"]
    assert [r.state for r in rows[:3]] == ["missing", "confirmed", "missing"]
    assert "Progress of week 2." in response.content.decode()


def test_an_org_admin_is_told_they_submit_in_place_and_it_shows_everywhere(
    client, internship, org_admin, program_admin, applicant
):
    client.force_login(org_admin)
    assert 'id="in-place"' in client.get(url(internship)).content.decode()

    client.post(url(internship), PASS)

    assert Evaluation.objects.get().in_place_of_mentor is True
    client.force_login(program_admin)
    internship_page = reverse("evaluations:internship", args=["gsoc-2027", internship.pk])
    assert "in place of the mentors" in client.get(url(internship)).content.decode()
    assert "In place of the mentors" in client.get(internship_page).content.decode()


def test_the_mentors_extension_request_is_shown_to_program_admins_with_the_way_to_grant_it(
    client, internship, program_admin
):
    MentorEvaluationFactory(internship=internship, action="extend", extend_weeks=2)
    client.force_login(program_admin)

    page = client.get(url(internship)).content.decode()
    internship_page = client.get(
        reverse("evaluations:internship", args=["gsoc-2027", internship.pk])
    ).content.decode()
    extend = reverse("evaluations:internship_extend", args=["gsoc-2027", internship.pk])

    assert "ask for an extension of 2 weeks" in page and extend in page
    assert "ask for an extension of 2 weeks" in internship_page and extend in internship_page


def test_the_internship_page_links_each_phase_and_offers_the_open_one(client, internship, mentor):
    client.force_login(mentor)

    page = client.get(reverse("evaluations:internship", args=["gsoc-2027", internship.pk]))

    html = page.content.decode()
    assert url(internship, "midterm") in html and url(internship, "final") in html
    assert "Evaluate the intern" in html


# --- Queries --------------------------------------------------------------------------------


def test_the_page_costs_the_same_queries_with_one_evaluation_or_a_round_full_of_them(
    client, participation, applicant, mentor, django_assert_num_queries
):
    proposal = ProposalFactory(application__round=participation.round, applicant=applicant)
    ProposalWeekFactory(proposal=proposal, number=1)
    internship = internship_at(
        participation, applicant, [mentor], weeks_in=AFTER_MIDTERM, proposal=proposal
    )
    MentorEvaluationFactory(internship=internship)
    client.force_login(mentor)
    # session, user; the internship with its people, its round and rules, its mentors; the
    # viewer's roles; its evaluations with their authors, its decisions; beside the form: its
    # meetings, the proposal's weeks
    with django_assert_num_queries(9):
        client.get(url(internship))

    InternEvaluationFactory(internship=internship)
    meeting(internship, 1, applicant)
    meeting(internship, 2, mentor)
    others = bulk.internships(participation, 30, mentor=mentor)
    bulk.meetings(others, range(1, 6))
    for other in others:
        MentorEvaluationFactory(internship=other, submitted_by=mentor)
    with django_assert_num_queries(9):
        response = client.get(url(internship))
    assert response.status_code == 200


# --- Hostile input --------------------------------------------------------------------------

HOSTILE = (
    "x" * 100_000,
    "a\x00b\x01c",
    "²",
    "9" * 4_300,
    "-1",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "' OR '1'='1'; --",
    "",
)


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_in_the_open_forms_are_refused_without_an_error_page(
    client, participation, applicant, mentor, value
):
    """The site-wide fuzz meets these forms outside their window; here they are open."""
    internship = internship_at(participation, applicant, [mentor], weeks_in=IN_FINAL)
    MentorEvaluationFactory(internship=internship)
    for person, fields in (
        (mentor, ("result", "action", "extend_weeks", "progress", "communication", "code")),
        (applicant, ("about_mentors", "about_organization", "work_url")),
    ):
        client.force_login(person)
        response = client.post(url(internship, "final"), dict.fromkeys(fields, value))
        assert response.status_code == 400
    assert Evaluation.objects.filter(phase="final").count() == 0
