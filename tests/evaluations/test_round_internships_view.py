"""The program admins' table of every internship of a round: organization, intern, mentors,
meetings logged out of the weeks over, both phases' computed states (with whose evaluation
is missing, extended, locked, in place of the mentors), status; filtered, sorted, paginated.

Access: program admins (200); anyone else, the round's org admins and mentors too, 404 (the
table names interns and their results across organizations); anonymous people log in first.
"""

import pytest
from django.urls import reverse

from evaluations.models import Internship
from tests.evaluations import bulk
from tests.evaluations import dashboard_world as world
from tests.evaluations.internship_world import meeting
from tests.factories import OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
URL = reverse("evaluations:round_internships", args=["gsoc-2027"])


@pytest.fixture
def libvirt(round_):
    return ParticipationFactory(
        round=round_, organization=OrganizationFactory(name="libvirt", slug="libvirt-org")
    )


@pytest.fixture
def ana(participation, mentor):
    return world.internship(participation, "Ana Intern", [mentor])


def rows(response):
    return {row.internship.intern.name: row for row in response.context["rows"]}


def test_program_admins_see_every_internship_of_the_round(
    client, program_admin, ana, libvirt, mentor
):
    world.internship(libvirt, "Lea Intern")
    meeting(ana, 1, ana.intern)
    client.force_login(program_admin)

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    for shown in ["QEMU", "libvirt", "Ana Intern", "Lea Intern", "Mira Mentor", "Not open yet"]:
        assert shown in page
    assert "No meeting logged for week 2" in page
    assert rows(response)["Ana Intern"].logged == 1
    assert rows(response)["Ana Intern"].weeks_over == 4


def test_the_page_is_kept_by_no_shared_cache(client, program_admin, ana):
    client.force_login(program_admin)

    assert "private" in client.get(URL)["Cache-Control"]


@pytest.mark.parametrize("person", ["org_admin", "mentor", "outsider", "applicant"])
def test_anyone_but_program_admins_gets_404(client, ana, person, request):
    client.force_login(request.getfixturevalue(person))

    assert client.get(URL).status_code == 404


def test_anonymous_people_log_in_first(client, ana):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_an_unknown_round_is_404(client, program_admin):
    client.force_login(program_admin)

    assert client.get(reverse("evaluations:round_internships", args=["nope"])).status_code == 404


def test_the_rounds_manage_page_links_to_it(client, program_admin, round_):
    client.force_login(program_admin)

    page = client.get(reverse("programs:round_edit", args=["gsoc-2027"])).content.decode()

    assert URL in page


def test_an_open_midterm_says_whose_evaluation_is_missing(client, program_admin, participation):
    waiting = world.internship(participation, "Ana Intern", weeks_in=world.DURING_MIDTERM)
    world.mentors_pass(waiting)
    client.force_login(program_admin)

    row = rows(client.get(URL))["Ana Intern"]

    assert row.midterm.state == "awaiting"
    assert row.midterm.label == "Awaiting evaluations (missing: intern)"


def test_a_closed_midterm_shows_what_the_rules_made_of_it(client, program_admin, participation):
    passed = world.internship(participation, "Ana Intern", weeks_in=world.AFTER_MIDTERM)
    world.mentors_pass(passed)
    world.intern_evaluates(passed)
    world.internship(participation, "Bea Intern", weeks_in=world.AFTER_MIDTERM)
    failed = world.internship(participation, "Cai Intern", weeks_in=world.AFTER_MIDTERM)
    world.mentors_pass(failed, result="fail")
    client.force_login(program_admin)

    response = client.get(URL)

    found = rows(response)
    assert found["Ana Intern"].midterm.label == "Passed"
    assert found["Bea Intern"].midterm.label == "Failed (missing: mentors, intern)"
    assert found["Cai Intern"].midterm.state == "failed"
    assert found["Cai Intern"].final.state == "not_asked"
    assert "Not asked for" in response.content.decode()


def test_locked_extended_and_in_place_of_mentor_are_flagged(
    client, program_admin, participation, org_admin
):
    locked = world.internship(participation, "Ana Intern", weeks_in=world.AFTER_MIDTERM)
    world.decide(locked, "held")
    stretched = world.internship(participation, "Bea Intern")
    world.extended(stretched, midterm=True)
    late = world.internship(participation, "Cai Intern")
    world.extended(late, midterm=False)
    stood_in = world.internship(participation, "Dan Intern", weeks_in=world.AFTER_MIDTERM)
    world.mentors_pass(stood_in, submitted_by=org_admin, in_place_of_mentor=True)
    world.intern_evaluates(stood_in)
    client.force_login(program_admin)

    response = client.get(URL)

    found = rows(response)
    assert found["Ana Intern"].midterm.locked and found["Ana Intern"].midterm.state == "held"
    assert found["Bea Intern"].midterm.extended and found["Bea Intern"].final.extended
    assert not found["Cai Intern"].midterm.extended and found["Cai Intern"].final.extended
    assert found["Dan Intern"].midterm.in_place_of_mentor
    page = response.content.decode()
    for flag in ["locked", "extended", "in place of mentor"]:
        assert flag in page


def test_no_free_text_of_an_evaluation_reaches_the_table(client, program_admin, participation):
    done = world.internship(participation, "Ana Intern", weeks_in=world.AFTER_MIDTERM)
    world.mentors_pass(done)
    world.intern_evaluates(done)
    client.force_login(program_admin)

    page = client.get(URL).content.decode()

    assert world.MENTOR_TEXT not in page
    assert world.INTERN_TEXT not in page


def test_filters_by_organization_status_and_extension(
    client, program_admin, participation, libvirt
):
    world.internship(participation, "Ana Intern")
    lea = world.internship(libvirt, "Lea Intern")
    gone = world.internship(participation, "Bea Intern")
    Internship.objects.filter(pk=gone.pk).update(status=Internship.Status.WITHDRAWN)
    world.extended(lea, midterm=False)
    client.force_login(program_admin)

    assert set(rows(client.get(URL, {"organization": "libvirt"}))) == {"Lea Intern"}
    assert set(rows(client.get(URL, {"status": "withdrawn"}))) == {"Bea Intern"}
    assert set(rows(client.get(URL, {"extended": "yes"}))) == {"Lea Intern"}
    assert set(rows(client.get(URL, {"extended": "no"}))) == {"Ana Intern", "Bea Intern"}


def test_an_unknown_organization_is_a_form_error_not_an_empty_table(client, program_admin, ana):
    client.force_login(program_admin)

    response = client.get(URL, {"organization": "nobody-here"})

    assert response.status_code == 200
    assert "No accepted organization of this round is called" in response.content.decode()


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("missing", {"Ana Intern", "Bea Intern"}),
        ("awaiting", {"Ana Intern"}),
        ("failed", {"Bea Intern"}),
        ("passed", {"Cai Intern"}),
        ("locked", {"Cai Intern"}),
        ("upcoming", {"Dan Intern"}),
    ],
)
def test_filters_by_the_midterms_computed_state(
    client, program_admin, participation, wanted, expected
):
    world.internship(participation, "Ana Intern", weeks_in=world.DURING_MIDTERM)
    world.internship(participation, "Bea Intern", weeks_in=world.AFTER_MIDTERM)
    world.decide(world.internship(participation, "Cai Intern", weeks_in=world.AFTER_MIDTERM))
    world.internship(participation, "Dan Intern")
    client.force_login(program_admin)

    assert set(rows(client.get(URL, {"midterm": wanted}))) == expected


def test_filters_by_the_finals_computed_state(client, program_admin, participation):
    failed = world.internship(participation, "Ana Intern", weeks_in=world.AFTER_MIDTERM)
    world.mentors_pass(failed, result="fail")
    world.internship(participation, "Bea Intern")
    client.force_login(program_admin)

    assert set(rows(client.get(URL, {"final": "not_asked"}))) == {"Ana Intern"}


def test_an_unknown_filter_value_is_ignored(client, program_admin, ana):
    client.force_login(program_admin)

    response = client.get(URL, {"midterm": "no-such-state", "sort": "nope", "status": "x"})

    assert response.status_code == 200
    assert set(rows(response)) == {"Ana Intern"}


def test_sorts_by_organization_intern_and_meetings(client, program_admin, participation, libvirt):
    zed = world.internship(libvirt, "Zed Intern")
    amy = world.internship(participation, "Amy Intern")
    world.internship(participation, "Bob Intern")
    for week in (1, 2, 3):
        meeting(zed, week, zed.intern)
    meeting(amy, 1, amy.intern)
    client.force_login(program_admin)

    def order(**query):
        return [row.internship.intern.name for row in client.get(URL, query).context["rows"]]

    assert order() == ["Zed Intern", "Amy Intern", "Bob Intern"]  # libvirt before QEMU
    assert order(sort="intern") == ["Amy Intern", "Bob Intern", "Zed Intern"]
    assert order(sort="meetings") == ["Bob Intern", "Amy Intern", "Zed Intern"]
    assert order(sort="-meetings") == ["Zed Intern", "Amy Intern", "Bob Intern"]
    assert order(sort="meetings", midterm="upcoming") == ["Bob Intern", "Amy Intern", "Zed Intern"]


def test_fifty_internships_a_page(client, program_admin, participation):
    bulk.internships(participation, 60)
    client.force_login(program_admin)

    first = client.get(URL)
    second = client.get(URL, {"page": 2, "midterm": "upcoming"})

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 10
    assert "Page 1 of 2" in first.content.decode()


@pytest.mark.parametrize("query", [{}, {"midterm": "missing", "sort": "meetings"}])
def test_the_table_costs_the_same_queries_for_ten_internships_as_for_five_thousand(
    client, participation, program_admin, mentor, django_assert_num_queries, query
):
    made = bulk.internships(participation, 10, mentor=mentor, weeks_in=world.DURING_MIDTERM)
    bulk.meetings(made, range(1, 3))
    client.force_login(program_admin)
    # session, user, the round (with its rules); then either the count and the page, or the
    # whole filtered set lean and its evaluations and decisions before the page; the page's
    # mentors and meetings; and its evaluations and decisions when not read already
    with django_assert_num_queries(9):
        client.get(URL, query)

    more = bulk.internships(participation, 4990, mentor=mentor, weeks_in=world.DURING_MIDTERM)
    bulk.meetings(more[:500], range(1, 3))
    with django_assert_num_queries(9):
        response = client.get(URL, query)
    assert len(response.context["rows"]) == 50


def test_the_program_admins_overview_links_to_it(client, program_admin, round_):
    client.force_login(program_admin)

    page = client.get(reverse("programs:manage")).content.decode()

    assert URL in page
