"""The alumni pages of a program and of an organization: past interns by year with their
projects and final work links, public (anyone, signed in or not; an unknown program or
organization 404; nobody is read-only on a public page), paginated, in a fixed number of
queries however long the history."""

import pytest
from django.urls import reverse

from evaluations.models import Internship
from evaluations.views.alumni import ALUMNI_PER_PAGE
from tests.evaluations.alumni_world import alumnus
from tests.factories import OrganizationFactory, ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def qemu():
    return OrganizationFactory(name="QEMU", slug="qemu")


def program_page(client, slug="gsoc", **query):
    return client.get(reverse("evaluations:program_alumni", args=[slug]), query)


def org_page(client, slug="qemu", **query):
    return client.get(reverse("evaluations:org_alumni", args=[slug]), query)


@pytest.mark.parametrize("viewer", [None, "outsider", "program_admin"])
def test_anyone_reads_a_programs_alumni(client, program, qemu, viewer, request):
    alumnus(program, 2014, qemu, name="Ada Alumna", project_title="Disk backup")
    if viewer:
        client.force_login(request.getfixturevalue(viewer))

    response = program_page(client)

    assert response.status_code == 200
    html = response.text
    assert "Ada Alumna" in html
    assert "Disk backup" in html
    assert (
        'href="https://gitlab.com/qemu/qemu/-/merge_requests/1" rel="nofollow noopener ugc"' in html
    )
    assert '<h2 id="year-2014">2014</h2>' in html
    assert "{#" not in html  # no template comment leaks onto the page


def test_anyone_reads_an_organizations_alumni_across_programs(client, program, qemu):
    alumnus(program, 2014, qemu, name="GSoC intern")
    alumnus(ProgramFactory(name="Outreachy", slug="outreachy"), 2014, qemu, name="Outreachy intern")

    html = org_page(client).text

    assert "GSoC intern" in html
    assert "Outreachy intern" in html
    assert "Outreachy" in html and "Google Summer of Code" in html


@pytest.mark.parametrize("page", [program_page, org_page])
def test_an_unknown_program_or_organization_is_not_found(client, program, qemu, page):
    assert page(client, "nope").status_code == 404


def test_only_those_who_chose_it_and_completed_are_shown(client, program, qemu):
    alumnus(program, 2014, qemu, name="Listed Person")
    alumnus(program, 2014, qemu, name="Private Person", listed=False)
    alumnus(program, 2014, qemu, name="Withdrawn Person", status=Internship.Status.WITHDRAWN)
    alumnus(program, 2014, qemu, name="Failed Person", status=Internship.Status.FAILED)

    html = program_page(client).text

    assert "Listed Person" in html
    for hidden in ("Private Person", "Withdrawn Person", "Failed Person"):
        assert hidden not in html


def test_no_email_address_is_shown(client, program, qemu):
    internship = alumnus(program, 2014, qemu, name="Ada Alumna")

    assert internship.intern.email not in program_page(client).text


def test_a_link_that_is_not_a_web_address_is_not_linked(client, program, qemu):
    alumnus(program, 2014, qemu, work_url="ftp://example.org/work.tar")

    assert "ftp://example.org" not in program_page(client).text


def test_the_page_shows_the_newest_year_and_leads_to_each_other_year(client, program, qemu):
    alumnus(program, 2014, qemu, name="Then")
    alumnus(program, 2016, qemu, name="Later")

    newest = program_page(client).text
    one_year = program_page(client, year="2014").text

    assert 'href="?year=2014"' in newest and 'href="?year=2016"' in newest
    assert "Later" in newest and "Then" not in newest
    assert "Then" in one_year and "Later" not in one_year


# The first is 2014 in fullwidth digits, which int() would read.
@pytest.mark.parametrize("year", ["\uff12\uff10\uff11\uff14", "20144", "abcd", "-201"])
def test_a_year_that_is_not_one_shows_the_newest_year(client, program, qemu, year):
    alumnus(program, 2014, qemu, name="Then")

    response = program_page(client, year=year)

    assert response.status_code == 200
    assert "Then" in response.text


def test_a_year_without_alumni_says_so(client, program, qemu):
    alumnus(program, 2014, qemu)

    assert "No alumni listed for 2013." in program_page(client, year="2013").text


def test_a_program_without_alumni_says_so(client, program):
    assert "No alumni listed yet." in program_page(client).text


def test_the_list_is_paginated(client, program, qemu):
    for n in range(ALUMNI_PER_PAGE + 1):
        alumnus(program, 2014, qemu, name=f"Intern {n:02}", work_url=None)

    first, second = program_page(client), program_page(client, page="2")

    assert len(first.context["rows"]) == ALUMNI_PER_PAGE
    assert len(second.context["rows"]) == 1
    assert "Page 1 of 2" in first.text


@pytest.mark.parametrize("page", [program_page, org_page])
def test_the_queries_do_not_grow_with_the_alumni(
    client, program, qemu, page, django_assert_num_queries
):
    def count(how_many: int, year: int) -> None:
        for n in range(how_many):
            alumnus(program, year, qemu, name=f"Intern {year} {n}")
        # The program or organization; the years with their counts; the count of rows;
        # one page of rows with their people, round, organization and work link.
        with django_assert_num_queries(4):
            assert page(client).status_code == 200

    count(2, 2014)
    count(12, 2015)


def test_the_program_page_and_statistics_link_the_alumni(client, program):
    alumni_url = reverse("evaluations:program_alumni", args=["gsoc"])

    assert alumni_url in client.get(program.get_absolute_url()).text
    assert alumni_url in client.get(reverse("evaluations:statistics", args=["gsoc"])).text


def test_an_organizations_page_in_a_round_links_its_alumni(client, participation):
    page = reverse("programs:participation", args=["gsoc-2027", "qemu"])

    assert reverse("evaluations:org_alumni", args=["qemu"]) in client.get(page).text
