"""A program admin's list of a round's applications: paginated, found by the applicant's name
or email, filtered by eligibility; each row with the applicant, their zone, hours a week, the
count of their submitted proposals, the verdict with its reason, and a link to the verdict.

Access: program admins (200); the round's mentors and org admins, who see some applications
elsewhere, get 403; an applicant gets 404; anonymous visitors log in first.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from applications.services.applicant_list import APPLICATIONS_PER_PAGE
from people.models import User
from tests.factories import ApplicationFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(round_) -> str:
    return reverse("applications:round_applications", args=[round_.slug])


def get(client, round_, **query):
    return client.get(url(round_), query)


@pytest.fixture
def ana_applies(applicant, round_):
    return ApplicationFactory(applicant=applicant, round=round_, hours_per_week=30)


# --- Access ----------------------------------------------------------------------------------


def test_a_program_admin_lists_the_applications_privately(client, round_, program_admin):
    ApplicationFactory(round=round_)
    client.force_login(program_admin)

    response = get(client, round_)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")


def test_the_rounds_mentors_and_org_admins_get_403(client, round_, mentor, org_admin, outsider):
    for person in (mentor, org_admin, outsider):
        client.force_login(person)
        assert get(client, round_).status_code == 403


def test_an_applicant_gets_404(client, round_, ana_applies, applicant):
    client.force_login(applicant)

    assert get(client, round_).status_code == 404


def test_an_unknown_round_gets_404_and_anonymous_visitors_log_in(client, round_, program_admin):
    response = get(client, round_)
    assert response.status_code == 302
    assert "login" in response["Location"]

    client.force_login(program_admin)
    assert client.get("/rounds/no-such-round/applicants/").status_code == 404


# --- What a row says -------------------------------------------------------------------------


def test_a_row_shows_the_applicant_zone_hours_submitted_count_and_verdict_link(
    client, round_, participation, ana_applies, program_admin
):
    for trait in ({"submitted": True}, {"submitted": True}, {}, {"withdrawn": True}):
        ProposalFactory(application=ana_applies, idea__participation=participation, **trait)
    client.force_login(program_admin)

    response = get(client, round_)

    (row,) = response.context["page"]
    assert row.submitted_proposals == 2  # drafts and withdrawn proposals are not counted
    page = response.content.decode()
    assert "Ana Applicant" in page and "ana@example.org" in page
    assert "Asia/Kolkata" in page
    assert '<td class="num">30</td>' in page
    assert "Eligible" in page
    assert reverse("applications:mark_ineligible", args=[round_.slug, ana_applies.pk]) in page


def test_an_ineligible_applicant_shows_the_reason(client, round_, ana_applies, program_admin):
    Application.objects.filter(pk=ana_applies.pk).update(
        ineligible_reason="Already an intern this year.", marked_ineligible_at=timezone.now()
    )
    client.force_login(program_admin)

    page = get(client, round_).content.decode()

    assert "Ineligible" in page
    assert "Already an intern this year." in page


def test_the_round_page_of_a_program_admin_links_to_the_list(client, round_, program_admin):
    client.force_login(program_admin)

    page = client.get(reverse("programs:round_edit", args=[round_.slug])).content.decode()

    assert url(round_) in page


# --- Finding an applicant --------------------------------------------------------------------


def names(response) -> list[str]:
    return [application.applicant.display_name for application in response.context["page"]]


@pytest.fixture
def three_applicants(round_, ana_applies):
    bo = ApplicationFactory(
        round=round_, applicant=UserFactory(display_name="Bo", email="bo@uni.example")
    )
    ApplicationFactory(
        round=round_,
        applicant=UserFactory(display_name="Cy", email="cy@example.org"),
        ineligible_reason="Lives where the program cannot pay.",
        marked_ineligible_at=timezone.now(),
    )
    ApplicationFactory(applicant=UserFactory(display_name="Ana Other"))  # another round
    return bo


def test_it_finds_an_applicant_by_name_or_email(client, round_, three_applicants, program_admin):
    client.force_login(program_admin)

    assert names(get(client, round_, q="ana")) == ["Ana Applicant"]
    assert names(get(client, round_, q="UNI.example")) == ["Bo"]
    assert names(get(client, round_, q="nobody")) == []


def test_it_filters_by_eligibility(client, round_, three_applicants, program_admin):
    client.force_login(program_admin)

    assert names(get(client, round_, eligibility="ineligible")) == ["Cy"]
    assert names(get(client, round_, eligibility="eligible")) == ["Ana Applicant", "Bo"]
    assert names(get(client, round_, eligibility="nonsense")) == ["Ana Applicant", "Bo", "Cy"]


def test_hostile_input_gets_a_page_not_an_error(client, round_, three_applicants, program_admin):
    client.force_login(program_admin)

    for query in ({"q": "x" * 100_000}, {"page": "zzz"}, {"page": "-1"}, {"q": "%_\\'"}):
        assert get(client, round_, **query).status_code == 200
    # A NUL is refused for the whole site before the view reads it (config/input.py).
    assert get(client, round_, q="a\0b").status_code == 400


def test_it_is_paginated(client, round_, program_admin):
    for _ in range(APPLICATIONS_PER_PAGE + 1):
        ApplicationFactory(round=round_)
    client.force_login(program_admin)

    first = get(client, round_)
    second = get(client, round_, page=2)

    assert len(first.context["page"]) == APPLICATIONS_PER_PAGE
    assert len(second.context["page"]) == 1
    assert "Page 1 of 2" in first.content.decode()


# session, user; round; count, page of applications with their applicants and counts.
@pytest.mark.parametrize("count", [10, 1000])
def test_it_makes_the_same_queries_for_10_and_1000_applications(
    client, round_, participation, program_admin, django_assert_num_queries, count
):
    people = User.objects.bulk_create(
        User(email=f"applicant{n}@example.org", display_name=f"Applicant {n}") for n in range(count)
    )
    applications = Application.objects.bulk_create(
        Application(applicant=person, round=round_, hours_per_week=20) for person in people
    )
    for application in applications[:3]:
        ProposalFactory(application=application, idea__participation=participation, submitted=True)
    client.force_login(program_admin)

    with django_assert_num_queries(5):
        response = get(client, round_)

    assert len(response.context["page"]) == min(count, APPLICATIONS_PER_PAGE)


def test_the_verdict_page_leads_back_to_the_list(client, round_, ana_applies, program_admin):
    client.force_login(program_admin)

    verdict = reverse("applications:mark_ineligible", args=[round_.slug, ana_applies.pk])

    assert url(round_) in client.get(verdict).content.decode()
