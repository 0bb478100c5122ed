"""The internship's page: its people with their contact and zone, its dates, each week with
the proposal's plan and its meeting (logged, confirmed or missing), what is due next with a
countdown, payments' place, and its record.

Access: its intern, its mentors, the organization's admins and program admins (200); people
of another organization, and mentors of the same organization who do not mentor it, 404
(nobody is read-only on this page: the read-only 403s are on the meeting and withdrawal
forms, tested there); anonymous people log in first.
"""

import pytest
from django.urls import reverse

from evaluations.models import Internship
from evaluations.services.internships import withdraw
from tests.evaluations import bulk
from tests.evaluations.internship_world import meeting, running_internship
from tests.factories import (
    MembershipFactory,
    ParticipationFactory,
    ProposalFactory,
    ProposalWeekFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def internship(participation, applicant, mentor):
    return running_internship(participation, applicant, [mentor], project_title="Disk backup")


def url(internship) -> str:
    return reverse("evaluations:internship", args=["gsoc-2027", internship.pk])


@pytest.mark.parametrize("person", ["applicant", "mentor", "org_admin", "program_admin"])
def test_its_people_and_admins_see_it(client, internship, person, request):
    client.force_login(request.getfixturevalue(person))

    response = client.get(url(internship))

    assert response.status_code == 200
    assert "Disk backup" in response.content.decode()


def test_people_of_another_organization_get_404(client, internship, outsider):
    client.force_login(outsider)

    assert client.get(url(internship)).status_code == 404


def test_a_mentor_of_the_organization_who_does_not_mentor_it_gets_404(
    client, internship, participation
):
    other = UserFactory()
    MembershipFactory(participation=participation, user=other)
    client.force_login(other)

    assert client.get(url(internship)).status_code == 404


def test_it_is_not_found_under_another_round(client, internship, applicant, program):
    other = ParticipationFactory(round__program=program, round__slug="gsoc-2028")
    client.force_login(applicant)

    response = client.get(reverse("evaluations:internship", args=["gsoc-2028", internship.pk]))

    assert other.round.slug == "gsoc-2028"
    assert response.status_code == 404


def test_anonymous_people_log_in_first(client, internship):
    response = client.get(url(internship))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_it_shows_the_mentors_contact_and_zone(client, internship, applicant, mentor):
    mentor.irc_nick = "mira_m"
    mentor.save()
    client.force_login(applicant)

    page = client.get(url(internship)).content.decode()

    assert "Mira Mentor" in page
    assert "mira@example.org" in page
    assert "IRC mira_m" in page
    assert "time zone Europe/Berlin" in page


def test_weeks_without_a_log_are_named_and_logged_ones_link_to_their_log(
    client, internship, applicant, mentor, org_admin
):
    meeting(internship, 1, applicant, confirmed_by=mentor)
    meeting(internship, 2, mentor)
    meeting(internship, 4, applicant)
    client.force_login(org_admin)

    page = client.get(url(internship)).content.decode()

    assert "No meeting logged for week 3." in page
    assert "No meeting logged for week 1" not in page
    assert "Confirmed" in page
    assert "Waiting for confirmation" in page
    assert f"{reverse('evaluations:meeting', args=['gsoc-2027', internship.pk])}?week=2" in page
    assert "Log it" not in page  # org admins read, they do not write the log


def test_the_schedule_from_the_proposal_sits_beside_each_week(
    client, participation, applicant, mentor
):
    proposal = ProposalFactory(application__round=participation.round, applicant=applicant)
    ProposalWeekFactory(proposal=proposal, number=2, deliverable="The incremental backup job")
    internship = running_internship(participation, applicant, [mentor], proposal=proposal)
    client.force_login(mentor)

    page = client.get(url(internship)).content.decode()

    assert "The incremental backup job" in page


def test_what_is_due_next_shows_with_a_countdown(client, internship, applicant):
    client.force_login(applicant)

    response = client.get(url(internship))

    due = response.context["page"].next_due
    # Week 4 ended half a week ago (its log is overdue, shown as missing); week 5 runs, its
    # log is due two days after it ends.
    assert due.label == "Log the meeting of week 5"
    assert due.countdown.startswith("in ")
    assert 'id="next-due"' in response.content.decode()
    assert "Payments" in response.content.decode()


def test_the_intern_and_org_admins_are_offered_to_end_it_early_and_mentors_are_not(
    client, internship, applicant, mentor, org_admin
):
    withdrawal = reverse("evaluations:internship_withdraw", args=["gsoc-2027", internship.pk])
    for person, offered in ((applicant, True), (org_admin, True), (mentor, False)):
        client.force_login(person)
        assert (withdrawal in client.get(url(internship)).content.decode()) is offered


def test_a_withdrawn_internship_shows_who_ended_it_and_why(client, internship, applicant):
    withdraw(internship=internship, by=applicant, reason="A full-time job offer.")
    client.force_login(applicant)

    page = client.get(url(internship)).content.decode()

    assert "Withdrawn" in page
    assert "A full-time job offer." in page
    assert "Log the meeting" not in page


def test_the_page_costs_the_same_queries_with_a_few_meetings_or_a_round_full_of_them(
    client, internship, participation, applicant, mentor, django_assert_num_queries
):
    proposal = ProposalFactory(application__round=participation.round, applicant=applicant)
    Internship.objects.filter(pk=internship.pk).update(proposal=proposal)
    bulk.meetings([internship], range(1, 3))
    bulk.meetings(bulk.internships(participation, 4, mentor=mentor), range(1, 3))  # 8 others
    client.force_login(mentor)
    # session, user; the internship (with its people, round and proposal), its mentors; the
    # viewer's roles; its meetings; the proposal's weeks; its record; the evaluations section:
    # its evaluations with their authors, its decisions (a mentor has no payments section)
    with django_assert_num_queries(10):
        client.get(url(internship))

    bulk.meetings([internship], range(3, 5))
    bulk.meetings(bulk.internships(participation, 100, mentor=mentor), range(1, 11))  # 1,000
    with django_assert_num_queries(10):
        response = client.get(url(internship))
    assert response.content.decode().count("Waiting for confirmation") == 4
