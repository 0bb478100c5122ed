"""The public page of a round: phase, timeline, organizations, rules, in the viewer's zone."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import strip_tags

from programs.models import Membership, Participation
from programs.schedules import dates_from
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
    RuleSetFactory,
)

# Organization applications open on 11 January 2027; on 2 March the application period runs
# and the application deadline (8 March, 18:00 UTC) is next.
OPENS = datetime(2027, 1, 11, 18, 0, tzinfo=UTC)
NOW = datetime(2027, 3, 2, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def round_(program):
    """The personas' round, on fixed dates so the page's text is known to the minute."""
    return RoundFactory(
        program=program,
        name="Google Summer of Code 2027",
        slug="gsoc-2027",
        rules=RuleSetFactory(max_proposals_per_applicant=3, students_only=True),
        **dates_from(OPENS),
    )


def page(client, slug="gsoc-2027"):
    return client.get(reverse("programs:round", args=[slug]))


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", strip_tags(html)).strip()


def timeline_items(html: str) -> list[tuple[str, str]]:
    """(class, text) of each milestone in the page's timeline."""
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S).group(1)
    return [
        (css, text_of(body))
        for css, body in re.findall(r'<li class="([^"]*)">(.*?)</li>', timeline, re.S)
    ]


def row_of(html: str, name: str) -> str:
    return next(text_of(row) for row in re.findall(r"<tr>.*?</tr>", html, re.S) if name in row)


def test_anyone_can_read_a_round(client, round_):
    response = page(client)
    assert response.status_code == 200
    assert "Google Summer of Code 2027" in response.text
    assert 'href="/programs/gsoc/"' in response.text


def test_an_unknown_round_is_not_found(client, round_):
    assert page(client, "gsoc-1999").status_code == 404


def test_it_names_the_current_phase_prominently(client, round_):
    assert '<h2 class="phase">Now: Contribution and application period</h2>' in page(client).text


def test_the_timeline_marks_past_milestones_the_next_one_and_deadlines(client, round_):
    items = timeline_items(page(client).text)
    assert len(items) == 13
    assert [css for css, _ in items[:5]] == ["past"] * 5
    assert items[5] == ("next", "Application deadlinedeadline — Mon 08 Mar 2027, 18:00 UTC")
    assert [css for css, _ in items[6:]] == [""] * 7
    assert sum("deadline —" in text for _, text in items) == 5


def test_it_counts_down_to_the_next_milestone(client, round_):
    # timeuntil keeps a number with its unit by a non-breaking space.
    assert "(in 6\xa0days, 6\xa0hours)" in page(client).text


def test_a_finished_round_says_so_and_has_no_next_milestone(client, program):
    RoundFactory(program=program, slug="gsoc-2020", **dates_from(datetime(2020, 1, 13, tzinfo=UTC)))
    html = page(client, "gsoc-2020").text
    assert "Now: Finished" in html
    assert "This round ended" in html
    assert all(css == "past" for css, _ in timeline_items(html))


def test_a_signed_in_viewer_sees_dates_in_their_own_zone(client, round_, applicant):
    client.force_login(applicant)  # Asia/Kolkata
    html = page(client).text
    assert "Mon 08 Mar 2027, 23:30 IST" in html
    assert 'title="Asia/Kolkata"' in html


def test_an_anonymous_viewer_sees_dates_in_the_zone_of_their_browser(client, round_):
    client.cookies["tz"] = "America/New_York"
    html = page(client).text
    assert "Mon 08 Mar 2027, 13:00 EST" in html  # before the switch to summer time
    assert "Mon 26 Apr 2027, 14:00 EDT" in html  # coding starts after it


def test_an_anonymous_viewer_without_a_zone_sees_utc(client, round_):
    client.cookies["tz"] = "Not/AZone"
    assert "Mon 08 Mar 2027, 18:00 UTC" in page(client).text


def test_it_lists_accepted_organizations_with_slots_and_active_mentors(
    client, participation, org_admin, mentor
):
    participation.slots_granted = 2
    participation.save()
    MembershipFactory(participation=participation, status=Membership.Status.WITHDRAWN)
    ParticipationFactory(
        round=participation.round,
        organization=OrganizationFactory(name="Still Applying"),
        status=Participation.Status.APPLIED,
    )
    html = page(client).text
    # Olga is an org admin, not a mentor; the withdrawn mentor no longer counts.
    assert row_of(html, "QEMU") == "QEMU · ideas 2 1 —"
    assert 'href="/rounds/gsoc-2027/orgs/qemu/"' in html
    assert "Still Applying" not in html


def test_an_organization_without_a_grant_yet_says_so(client, participation):
    assert row_of(page(client).text, "QEMU") == "QEMU · ideas not yet 0 —"


def test_it_shows_an_organizations_contribution_deadline(client, participation, applicant):
    participation.gate_contributions = 1
    participation.gate_deadline = datetime(2027, 3, 5, 18, 0, tzinfo=UTC)
    participation.save()
    client.force_login(applicant)
    assert "Fri 05 Mar 2027, 23:30 IST" in row_of(page(client).text, "QEMU")


def test_it_offers_the_calendar_feed(client, round_):
    html = page(client).text
    assert 'href="/rounds/gsoc-2027/calendar.ics"' in html
    assert "Add to your calendar" in html
    assert "webcal://testserver/rounds/gsoc-2027/calendar.ics" in html


def test_it_states_the_rules_in_plain_words(client, round_):
    html = page(client).text
    assert "Only enrolled students may apply." in html
    assert "Each applicant may submit up to 3 proposals" in html


def _accepted_organizations(round_, count):
    for _ in range(count):
        participation = ParticipationFactory(round=round_, slots_granted=1)
        MembershipFactory.create_batch(2, participation=participation)


def test_it_makes_the_same_queries_for_one_organization_as_for_sixty(
    client, round_, django_assert_num_queries
):
    _accepted_organizations(round_, 1)
    # The round with its rules; the organizations counted; one page of them with mentors.
    with django_assert_num_queries(3):
        assert page(client).status_code == 200
    _accepted_organizations(round_, 59)
    with django_assert_num_queries(3):
        html = page(client).text
    assert html.count("<tr>") == 1 + 25


def _named_organizations(round_, count):
    for i in range(count):
        ParticipationFactory(
            round=round_, organization=OrganizationFactory(name=f"Org {i:02}", slug=f"org-{i:02}")
        )


def test_a_round_of_sixty_organizations_shows_twenty_five_and_links_to_the_next_page(
    client, round_
):
    _named_organizations(round_, 60)
    html = page(client).text
    assert html.count("<tr>") == 1 + 25
    assert "Org 24" in html and "Org 25" not in html
    assert "60 accepted organizations, 1\N{EN DASH}25 shown." in text_of(html)
    assert 'href="?page=2#organizations" rel="next"' in html
    third = client.get(reverse("programs:round", args=["gsoc-2027"]), {"page": 3}).text
    assert third.count("<tr>") == 1 + 10
    assert "Org 59" in third and "Org 49" not in third


def test_a_visitor_finds_an_organization_beyond_the_first_page_by_name(client, round_):
    _named_organizations(round_, 60)
    html = client.get(reverse("programs:round", args=["gsoc-2027"]), {"q": "org 5"}).text
    assert html.count("<tr>") == 1 + 10
    assert "10 organizations match “org 5”." in text_of(html)
    assert 'href="/rounds/gsoc-2027/orgs/org-57/"' in html
    assert 'href="/rounds/gsoc-2027/orgs/org-57/ideas/"' in html
    assert 'value="org 5"' in html


def test_a_search_that_matches_nothing_says_so_and_offers_the_whole_list(client, round_):
    _named_organizations(round_, 3)
    html = client.get(reverse("programs:round", args=["gsoc-2027"]), {"q": "kernel"}).text
    assert "No accepted organization's name contains “kernel”." in html
    assert 'href="/rounds/gsoc-2027/#organizations">Show all</a>' in html


def test_a_page_number_past_the_end_shows_the_last_page(client, round_):
    _named_organizations(round_, 30)
    html = client.get(reverse("programs:round", args=["gsoc-2027"]), {"page": "99"}).text
    assert html.count("<tr>") == 1 + 5


def test_before_the_announcement_it_says_when_organizations_are_announced(client, program):
    RoundFactory(program=program, slug="gsoc-2028", **dates_from(datetime(2027, 6, 7, tzinfo=UTC)))
    html = page(client, "gsoc-2028").text
    assert "Now: Not yet open" in html
    assert "No organizations have been accepted yet; they are announced" in html
    assert "Mon 05 Jul 2027, 18:00 UTC" in html


def test_it_invites_organizations_to_apply_while_organization_applications_are_open(client, round_):
    with time_machine.travel(datetime(2027, 1, 15, 12, 0, tzinfo=UTC), tick=False):
        response = page(client)
    assert reverse("programs:participation_new", args=["gsoc-2027"]) in response.text
    assert "Applications close Mon 25 Jan 2027, 18:00 UTC" in text_of(response.text)


def test_it_offers_no_application_once_organization_applications_closed(client, round_):
    assert reverse("programs:participation_new", args=["gsoc-2027"]) not in page(client).text
