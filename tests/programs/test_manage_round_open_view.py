"""Opening a round.

Access: program admins only; signed-in people without the role get 403; anonymous people are
sent to log in. No existing object is addressed, so there is no 404 case.
"""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from programs.models import Round
from programs.schedules import dates_from
from programs.timeline import MILESTONE_FIELDS, Phase, a_year_later
from tests.factories import RoundFactory
from tests.programs.manage_forms import local_inputs

pytestmark = pytest.mark.django_db

URL = reverse("programs:round_open")
FIRST_DAY = datetime(2027, 1, 15, tzinfo=UTC)


@pytest.fixture
def berlin_admin(program_admin):
    program_admin.timezone = "Europe/Berlin"
    program_admin.save()
    return program_admin


def _inputs(program, zone="UTC", **changes) -> dict[str, str]:
    return {
        "program": str(program.pk),
        "name": "Google Summer of Code 2027",
        "slug": "soc-2027",
        "total_slots": "30",
        **local_inputs(dates_from(FIRST_DAY), zone),
        **changes,
    }


def test_it_shows_datetime_inputs_in_the_admins_own_zone(client, berlin_admin, program):
    client.force_login(berlin_admin)
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('type="datetime-local"') == 13
    assert "In your time zone, Europe/Berlin." in page
    assert "Organization applications open" in page


def test_it_opens_a_round_reading_the_dates_in_the_admins_zone(client, berlin_admin, program):
    client.force_login(berlin_admin)
    data = _inputs(program, org_applications_open="2027-01-15T19:00")
    response = client.post(URL, data)
    round_ = Round.objects.get(slug="soc-2027")
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:round_edit", args=["soc-2027"])
    # 19:00 in Berlin in winter is 18:00 UTC.
    assert round_.org_applications_open == datetime(2027, 1, 15, 18, 0, tzinfo=UTC)
    assert round_.rules.pk != program.default_rules.pk


def test_it_rejects_dates_out_of_order_naming_both_and_keeps_what_was_typed(
    client, program_admin, program
):
    client.force_login(program_admin)
    data = _inputs(program, name="GSoC 2027 typed", midterm_close="2027-06-01T10:30")
    response = client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "“Midterm evaluations open” must not be after “Midterm evaluation deadline”." in page
    assert 'value="GSoC 2027 typed"' in page
    assert 'value="2027-06-01T10:30"' in page
    for field in MILESTONE_FIELDS:
        assert f'value="{data[field]}"' in page
    assert not Round.objects.exists()


def test_it_names_every_date_out_of_order_next_to_its_field(client, program_admin, program):
    client.force_login(program_admin)
    data = _inputs(program, orgs_announced="2026-01-01T00:00", ends="2026-01-01T00:00")
    form = client.post(URL, data).context["form"]
    assert form.errors["orgs_announced"] == [
        "“Organization application deadline” must not be after “Accepted organizations announced”."
    ]
    assert form.errors["ends"] == ["“Final evaluation deadline” must not be after “Round ends”."]
    assert form.non_field_errors() == []


def test_a_date_that_breaks_two_neighbouring_pairs_is_named_once(client, program_admin, program):
    client.force_login(program_admin)
    data = _inputs(program, coding_start="2020-01-01T09:15", midterm_open="2019-01-01T09:15")

    page = client.post(URL, data).content.decode()

    messages = re.findall(r'<ul class="errorlist[^"]*"(?: id="([^"]*)")?><li>(.*?)</li></ul>', page)
    assert messages == [
        ("id_coding_start_error", "“Results announced” must not be after “Coding starts”."),
        (
            "id_midterm_open_error",
            "“Results announced” must not be after “Midterm evaluations open”.",
        ),
    ]
    assert not Round.objects.exists()


def test_it_rejects_a_time_that_does_not_exist_in_the_admins_zone(client, berlin_admin, program):
    # Clocks in Berlin jump from 02:00 to 03:00 on 28 March 2027.
    client.force_login(berlin_admin)
    data = _inputs(program, "Europe/Berlin", midterm_open="2027-03-28T02:30")
    response = client.post(URL, data)
    errors = response.context["form"].errors["midterm_open"]
    assert errors == [
        "2027-03-28 02:30:00 couldn\N{RIGHT SINGLE QUOTATION MARK}t be interpreted in time "
        "zone Europe/Berlin; it may be ambiguous or it may not exist."
    ]
    assert 'value="2027-03-28T02:30"' in response.content.decode()
    assert not Round.objects.exists()


def test_it_rejects_an_ambiguous_time_in_the_admins_zone(client, berlin_admin, program):
    # 02:30 happens twice in Berlin on 31 October 2027.
    client.force_login(berlin_admin)
    data = _inputs(program, "Europe/Berlin", final_close="2027-10-31T02:30")
    response = client.post(URL, data)
    assert "final_close" in response.context["form"].errors
    assert not Round.objects.exists()


def test_it_refuses_a_slug_already_taken(client, program_admin, program, round_):
    client.force_login(program_admin)
    response = client.post(URL, _inputs(program, slug=round_.slug))
    assert response.context["form"].errors["slug"] == ["Round with this Slug already exists."]


def test_it_refuses_the_slug_of_its_own_page(client, program_admin, program):
    client.force_login(program_admin)
    response = client.post(URL, _inputs(program, slug="new"))
    assert response.context["form"].errors["slug"] == [
        "“new” is reserved for a page of the site; choose another."
    ]


def test_the_stored_dates_are_utc_whatever_the_zone(client, program_admin, program):
    program_admin.timezone = "America/Los_Angeles"
    program_admin.save()
    client.force_login(program_admin)
    client.post(URL, _inputs(program, "America/Los_Angeles"))
    round_ = Round.objects.get(slug="soc-2027")
    assert round_.dates == dates_from(FIRST_DAY)


@pytest.mark.parametrize("persona", ["org_admin", "mentor", "applicant", "outsider"])
def test_a_signed_in_person_without_the_role_is_forbidden(client, request, program, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _inputs(program)).status_code == 403
    assert not Round.objects.filter(slug="soc-2027").exists()


def test_anonymous_visitors_are_sent_to_log_in(client, program):
    response = client.post(URL, _inputs(program))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Round.objects.exists()


def test_it_offers_to_start_from_each_programs_latest_round(client, program_admin, program):
    RoundFactory(program=program, name="Google Summer of Code 2026", slug="gsoc-2026")
    RoundFactory(
        program=program, name="Google Summer of Code 2027", slug="gsoc-2027", phase=Phase.UPCOMING
    )
    client.force_login(program_admin)

    page = client.get(URL).content.decode()

    assert 'href="?after=gsoc-2027"' in page
    assert "Google Summer of Code 2027, a year later" in page
    assert "?after=gsoc-2026" not in page


def test_it_fills_in_the_previous_rounds_dates_a_year_later(client, berlin_admin, program, round_):
    client.force_login(berlin_admin)

    response = client.get(URL, {"after": round_.slug})

    page = response.content.decode()
    form = response.context["form"]
    assert "Filled in from <strong>Google Summer of Code 2027</strong>" in page
    assert form["name"].value() == "Google Summer of Code 2028"
    assert form["slug"].value() == "gsoc-2028"
    assert form["program"].value() == program.pk
    later = local_inputs(a_year_later(round_.dates), "Europe/Berlin")
    for field in MILESTONE_FIELDS:
        assert f'name="{field}" value="{later[field]}"' in page


def test_the_filled_in_round_opens_as_is(client, program_admin, program, round_):
    client.force_login(program_admin)
    form = client.get(URL, {"after": round_.slug}).context["form"]
    data = {
        "program": str(program.pk),
        "name": form["name"].value(),
        "slug": form["slug"].value(),
        "total_slots": str(form["total_slots"].value()),
        **local_inputs(a_year_later(round_.dates)),
    }

    response = client.post(URL, data)

    assert response.status_code == 302
    opened = Round.objects.get(slug="gsoc-2028")
    assert opened.dates == a_year_later(round_.dates)


def test_an_unknown_round_to_start_from_gives_the_empty_form(client, program_admin, program):
    client.force_login(program_admin)

    response = client.get(URL, {"after": "no-such-round"})

    assert response.status_code == 200
    assert response.context["form"]["name"].value() is None


@pytest.mark.parametrize("programs", [1, 6])
def test_its_queries_do_not_grow_with_programs(
    client, program_admin, django_assert_num_queries, programs
):
    for _ in range(programs):
        RoundFactory()
    client.force_login(program_admin)
    # Session, user, the previous round, the latest round of each program, the program
    # choices (twice: the select's `required` check reads its first choice).
    with django_assert_num_queries(6):
        response = client.get(URL, {"after": "x"})

    assert len(response.context["latest_rounds"]) == programs
