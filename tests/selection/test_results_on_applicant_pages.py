"""The results on the applicant's own pages (the dashboard's results box and a proposal's
result, selection's template tags): nothing of the selection before the round's results
time, not a word changed (the pages read exactly as if no selection existed, the public JSON
too), and every submitted proposal accepted or not this time from the instant on.

Access (the proposal page's triad): another applicant gets 404, the organization's mentor,
who reads the proposal, gets 403 on changing it and never sees the applicant's result box,
the applicant 200.
"""

import re

import pytest
from django.urls import reverse

from evaluations.services.announcement import internships_for_announced_rounds
from selection.models import Candidacy, MentorCommitment
from tests.factories import ProjectIdeaFactory
from tests.selection.results_world import JUST_BEFORE, RESULTS, at, build_world, submitted

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"')


@pytest.fixture
def world(program):
    return build_world(program)


def dashboard_url(world):
    return reverse("applications:dashboard", args=[world.round.slug])


def proposal_url(world, proposal):
    return reverse("applications:proposal", args=[world.round.slug, proposal.pk])


def html(client, user, url: str, moment) -> str:
    # Signed in at the moment itself: a session opened today would have expired by then.
    with at(moment):
        client.force_login(user)
        response = client.get(url)
    assert response.status_code == 200
    # The CSRF token is masked afresh on each page: the only part that may differ.
    return CSRF.sub(r"\1-", response.content.decode())


def without_selection() -> None:
    MentorCommitment.objects.all().delete()
    Candidacy.objects.all().delete()


# --- Access --------------------------------------------------------------------------------


def test_another_applicant_cannot_find_anas_proposal(client, world):
    with at(RESULTS):
        client.force_login(world.bruno)
        assert client.get(proposal_url(world, world.ana_proposal)).status_code == 404


def test_the_organizations_mentor_reads_the_proposal_but_may_not_change_it(client, world):
    with at(RESULTS):
        client.force_login(world.mira)
        assert client.get(proposal_url(world, world.ana_proposal)).status_code == 200
        changed = client.post(proposal_url(world, world.ana_proposal), {"title": "Mine now"})
    assert changed.status_code == 403


def test_the_applicant_opens_their_dashboard_and_proposal(client, world):
    assert "Accepted" in html(client, world.ana, dashboard_url(world), RESULTS)
    assert "Accepted" in html(client, world.ana, proposal_url(world, world.ana_proposal), RESULTS)


# --- One second before: nothing, not a word changed ------------------------------------------


@pytest.mark.parametrize("who", ["ana", "bruno"])
def test_one_second_before_the_dashboard_reads_as_if_no_selection_existed(client, world, who):
    person = getattr(world, who)

    selected = html(client, person, dashboard_url(world), JUST_BEFORE)
    without_selection()
    plain = html(client, person, dashboard_url(world), JUST_BEFORE)

    assert selected == plain
    assert "Results" not in selected
    assert "Accepted" not in selected
    assert "Not this time" not in selected


def test_one_second_before_the_proposal_page_reads_as_if_no_selection_existed(client, world):
    url = proposal_url(world, world.ana_proposal)

    selected = html(client, world.ana, url, JUST_BEFORE)
    without_selection()
    plain = html(client, world.ana, url, JUST_BEFORE)

    assert selected == plain
    assert "Accepted" not in selected


def test_one_second_before_the_public_json_says_nothing_of_the_selection(client, world):
    urls = [
        reverse("projects:round_ideas_json", args=[world.round.slug]),
        reverse("projects:org_ideas_json", args=[world.round.slug, "qemu"]),
    ]
    with at(JUST_BEFORE):
        selected = [client.get(url) for url in urls]
        without_selection()
        plain = [client.get(url) for url in urls]

    for one, other in zip(selected, plain, strict=True):
        assert one.status_code == 200
        assert one.json() == other.json()
        assert one["ETag"] == other["ETag"]


def test_one_second_before_the_dashboard_asks_no_query_more(
    client, world, django_assert_num_queries
):
    with at(JUST_BEFORE):
        client.force_login(world.ana)
        # session, user; round; application, proposals, contributions, gates, the interviews
        # link: as with no box.
        with django_assert_num_queries(8):
            assert client.get(dashboard_url(world)).status_code == 200


# --- At the instant ------------------------------------------------------------------------


def test_at_the_instant_the_accepted_applicant_sees_it_on_the_dashboard(client, world):
    page = html(client, world.ana, dashboard_url(world), RESULTS)

    assert 'id="results"' in page
    assert "Backups that resume</a> to Disk backup tool (QEMU)" in page
    assert "Accepted" in page
    assert "Congratulations" in page
    assert "Not this time" not in page


def test_at_the_instant_the_applicant_not_selected_reads_a_kind_word(client, world):
    page = html(client, world.bruno, dashboard_url(world), RESULTS)

    assert "Not this time" in page
    assert "Thank you for the work you put into your proposal." in page
    assert "Accepted" not in page


def test_an_applicant_with_only_a_draft_sees_no_results(client, world):
    assert 'id="results"' not in html(client, world.chen, dashboard_url(world), RESULTS)


def test_at_the_instant_the_proposal_page_shows_its_result_to_its_applicant_only(client, world):
    ana = html(client, world.ana, proposal_url(world, world.ana_proposal), RESULTS)
    assert 'id="result"' in ana
    bruno = html(client, world.bruno, proposal_url(world, world.bruno_proposal), RESULTS)
    assert "Not this time" in bruno
    mira = html(client, world.mira, proposal_url(world, world.ana_proposal), RESULTS)
    assert 'id="result"' not in mira
    assert "Congratulations" not in mira


def test_the_results_time_is_named_in_the_applicants_zone(client, world):
    page = html(client, world.ana, dashboard_url(world), RESULTS)
    assert "Announced on" in page
    assert "Mon 26 Apr 2027, 23:30 IST" in page


@pytest.mark.parametrize("proposals", [1, 3])
def test_at_the_instant_the_results_box_costs_one_query_however_many_proposals(
    client, world, django_assert_num_queries, proposals
):
    for n in range(proposals - 1):
        idea = ProjectIdeaFactory(participation=world.qemu, title=f"Idea {n}", slug=f"idea-{n}")
        submitted(world.ana, idea, f"Another plan {n}")

    with at(RESULTS):
        client.force_login(world.ana)
        # The seven of the page, and one for the results box.
        with django_assert_num_queries(9):
            response = client.get(dashboard_url(world))

    assert response.content.decode().count("Not this time") == proposals - 1


def test_once_made_the_internship_is_linked_from_both_pages(client, world):
    (internship,) = internships_for_announced_rounds(RESULTS)
    link = f'href="/rounds/{world.round.slug}/internships/{internship.pk}/">Your internship'

    assert link in html(client, world.ana, dashboard_url(world), RESULTS)
    assert link in html(client, world.ana, proposal_url(world, world.ana_proposal), RESULTS)
