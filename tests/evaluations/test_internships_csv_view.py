"""The dashboards as CSV (`round_internships_csv`, `org_internships_csv`): the page's rows
with the page's filters, every page at once, streamed in chunks, safe against spreadsheet
formula injection, never an evaluation's free text.

Access as the pages: the round's CSV is program admins' (everyone else 404); the
organization's is its org admins' and program admins' (its mentors 403, org admins of other
organizations 404); anonymous people log in first.
"""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from evaluations.models import Internship
from evaluations.services import dashboard_csv
from tests.evaluations import bulk
from tests.evaluations import dashboard_world as world
from tests.evaluations.internship_world import meeting
from tests.factories import MembershipFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
ROUND_CSV = reverse("evaluations:round_internships_csv", args=["gsoc-2027"])
ORG_CSV = reverse("evaluations:org_internships_csv", args=["gsoc-2027", "qemu"])


@pytest.fixture
def ana(participation, mentor):
    return world.internship(participation, "Ana Intern", [mentor], weeks_in=world.AFTER_MIDTERM)


@pytest.fixture
def other_org_admin(round_):
    other = ParticipationFactory(
        round=round_, organization=OrganizationFactory(name="libvirt", slug="libvirt-org")
    )
    user = world.intern("Otto Admin")
    MembershipFactory(participation=other, user=user, role="org_admin")
    return user


def read(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.parametrize(
    ("url", "person"),
    [(ROUND_CSV, "program_admin"), (ORG_CSV, "org_admin"), (ORG_CSV, "program_admin")],
)
def test_the_people_of_the_table_download_its_rows(client, ana, url, person, request):
    meeting(ana, 1, ana.intern)
    world.mentors_pass(ana)
    client.force_login(request.getfixturevalue(person))

    response = client.get(url)

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "private" in response["Cache-Control"]
    [row] = read(response)
    assert row["Organization"] == "QEMU"
    assert row["Intern"] == "Ana Intern"
    assert row["Mentors"] == "Mira Mentor"
    assert row["Meetings logged"] == "1"
    assert row["Weeks over"] == "8"
    assert row["Weeks without a meeting"] == "2 3 4 5 6 7 8"
    assert row["Midterm"] == "Passed, payment held"
    assert row["Midterm missing"] == "intern"
    assert row["Final"] == "Not open yet"


@pytest.mark.parametrize("url", [ROUND_CSV, ORG_CSV])
def test_anonymous_people_log_in_first(client, ana, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize("person", ["org_admin", "mentor", "outsider", "applicant"])
def test_the_rounds_csv_is_404_to_anyone_but_program_admins(client, ana, person, request):
    client.force_login(request.getfixturevalue(person))

    assert client.get(ROUND_CSV).status_code == 404


def test_the_organizations_csv_is_403_to_its_mentors(client, ana, mentor):
    client.force_login(mentor)

    assert client.get(ORG_CSV).status_code == 403


@pytest.mark.parametrize("person", ["outsider", "other_org_admin", "applicant"])
def test_the_organizations_csv_is_404_to_other_people(client, ana, person, request):
    client.force_login(request.getfixturevalue(person))

    assert client.get(ORG_CSV).status_code == 404


def test_no_free_text_of_an_evaluation_is_in_it(client, program_admin, ana):
    world.mentors_pass(ana)
    world.intern_evaluates(ana)
    world.decide(ana, phase="final")
    client.force_login(program_admin)

    body = b"".join(client.get(ROUND_CSV).streaming_content).decode()

    assert world.MENTOR_TEXT not in body
    assert world.INTERN_TEXT not in body
    assert "The mentor confirmed the pass by email." not in body  # the decision's reason


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(
    client, program_admin, participation, start
):
    typed = f'{start}HYPERLINK("http://evil.example")'
    made = world.internship(participation, "Ana Intern")
    Internship.objects.filter(pk=made.pk).update(project_title=typed)
    client.force_login(program_admin)

    [row] = read(client.get(ROUND_CSV))

    assert row["Project"] == f"'{typed}"


def test_it_lists_what_the_pages_filters_keep_in_the_pages_order(
    client, program_admin, participation
):
    world.internship(participation, "Bea Intern", weeks_in=world.AFTER_MIDTERM)
    world.internship(participation, "Ana Intern", weeks_in=world.AFTER_MIDTERM)
    world.decide(world.internship(participation, "Cai Intern", weeks_in=world.AFTER_MIDTERM))
    client.force_login(program_admin)

    missing = read(client.get(ROUND_CSV, {"midterm": "missing"}))
    locked = read(client.get(ROUND_CSV, {"midterm": "locked"}))
    everyone = read(client.get(ROUND_CSV, {"page": "3"}))  # the page number means nothing here

    assert [row["Intern"] for row in missing] == ["Ana Intern", "Bea Intern"]
    assert [(row["Intern"], row["Midterm locked"]) for row in locked] == [("Cai Intern", "yes")]
    assert len(everyone) == 3


def test_the_rows_are_written_and_sent_a_chunk_at_a_time(
    client, program_admin, participation, monkeypatch
):
    bulk.internships(participation, 250)
    monkeypatch.setattr(dashboard_csv, "CHUNK", 100)
    client.force_login(program_admin)

    pieces = list(client.get(ROUND_CSV).streaming_content)

    # the header alone, then 100, 100 and the last 50 rows
    assert [piece.count(b"\n") for piece in pieces] == [1, 100, 100, 50]


def test_the_internships_are_read_through_one_cursor_a_chunk_at_a_time(
    client, program_admin, participation, monkeypatch
):
    from django.db.models.query import QuerySet

    bulk.internships(participation, 3)
    asked = []
    iterate = QuerySet.iterator

    def spy(queryset, chunk_size=None):
        asked.append((queryset.model.__name__, chunk_size))
        return iterate(queryset, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spy)
    client.force_login(program_admin)

    assert len(read(client.get(ROUND_CSV))) == 3
    assert ("Internship", dashboard_csv.CHUNK) in asked


@pytest.mark.parametrize("url", [ROUND_CSV, ORG_CSV])
@pytest.mark.parametrize("query", [{}, {"midterm": "missing", "sort": "-meetings"}])
def test_it_costs_the_same_queries_for_ten_internships_as_for_five_thousand(
    client, participation, program_admin, mentor, django_assert_num_queries, url, query
):
    made = bulk.internships(participation, 10, mentor=mentor, weeks_in=world.DURING_MIDTERM)
    bulk.meetings(made, range(1, 3))
    client.force_login(program_admin)
    # session, user, the round or the participation (and the roles and rules for it); the
    # mentors, the meetings' weeks, the evaluations and decisions of the set; the set itself
    queries = 8 if url == ROUND_CSV else 10
    with django_assert_num_queries(queries):
        assert len(read(client.get(url, query))) == 10

    more = bulk.internships(participation, 4990, mentor=mentor, weeks_in=world.DURING_MIDTERM)
    bulk.meetings(more[:500], range(1, 3))
    with django_assert_num_queries(queries):
        response = client.get(url, query)
        assert isinstance(response, StreamingHttpResponse)
        assert len(read(response)) == 5000
