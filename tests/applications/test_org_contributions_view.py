"""The mentors' list of an organization's contributions: one verdict at a time (the unreviewed
first), 25 a page, each row with the applicant (name, zone), the link, what it does, its state
upstream, the verdict with who and when, and Confirm / Reject, which return to the list.

Access: the organization's mentors and org admins and program admins (200); another
organization's mentor and an applicant get 404; anonymous visitors log in first. Program admins
read the list without the buttons (the review itself answers them 403).
"""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from applications.models import Contribution
from applications.services.contribution_lists import CONTRIBUTIONS_PER_PAGE
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db

Verdict = Contribution.Verdict


def url(participation, query: str = "") -> str:
    address = reverse(
        "applications:org_contributions",
        args=[participation.round.slug, participation.organization.slug],
    )
    return f"{address}?{query}" if query else address


def review_url(contribution) -> str:
    participation = contribution.participation
    return reverse(
        "applications:contribution_review",
        args=[participation.round.slug, participation.organization.slug, contribution.pk],
    )


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("outsider", 404),
        ("applicant", 404),
        ("mentor", 200),
        ("org_admin", 200),
        ("program_admin", 200),
    ],
)
def test_only_the_organizations_people_and_program_admins_see_it(
    client, participation, request, viewer, status
):
    ContributionFactory(participation=participation)
    client.force_login(request.getfixturevalue(viewer))

    response = client.get(url(participation))

    assert response.status_code == status
    if status == 200:
        assert "private" in response["Cache-Control"]


def test_an_anonymous_visitor_logs_in_first(client, participation):
    assert client.get(url(participation)).status_code == 302


def test_a_row_shows_the_applicant_link_what_it_does_state_and_buttons(
    client, participation, mentor
):
    ana = UserFactory(display_name="Ana Applicant", timezone="Asia/Kolkata")
    contribution = ContributionFactory(
        applicant=ana,
        participation=participation,
        url="https://gitlab.example.org/qemu/-/merge_requests/7",
        description="Fixes the block layer's error path.",
        accepted=True,
        accepted_at=date(2027, 3, 2),
    )
    client.force_login(mentor)

    html = client.get(url(participation)).content.decode()

    assert "Ana Applicant" in html and "Asia/Kolkata" in html
    assert 'href="https://gitlab.example.org/qemu/-/merge_requests/7"' in html
    assert "Fixes the block layer&#x27;s error path." in html
    assert "Accepted upstream on 2 Mar 2027" in html
    assert "Not reviewed yet" in html
    assert f'action="{review_url(contribution)}"' in html
    assert 'value="confirmed">Confirm</button>' in html
    assert 'value="rejected" class="danger">Reject</button>' in html


def test_it_shows_the_unreviewed_first_and_filters_by_verdict(
    client, participation, mentor, org_admin
):
    ContributionFactory(participation=participation, url="https://example.org/waiting")
    with time_machine.travel(datetime(2027, 3, 20, 18, 0, tzinfo=UTC), tick=False):
        ContributionFactory(
            participation=participation,
            url="https://example.org/confirmed",
            verdict=Verdict.CONFIRMED,
            reviewed_by=org_admin,
            reviewed_at=datetime(2027, 3, 20, 18, 0, tzinfo=UTC),
        )
    ContributionFactory(
        participation=participation,
        url="https://example.org/rejected",
        verdict=Verdict.REJECTED,
        reviewed_at=datetime(2027, 3, 21, 9, 0, tzinfo=UTC),
    )
    ContributionFactory(url="https://example.org/elsewhere")  # another organization's
    client.force_login(mentor)

    default = client.get(url(participation)).content.decode()
    confirmed = client.get(url(participation, "verdict=confirmed")).content.decode()
    rejected = client.get(url(participation, "verdict=rejected")).content.decode()
    nonsense = client.get(url(participation, "verdict=" + "x" * 5000))

    assert "https://example.org/waiting" in default
    assert "https://example.org/confirmed" not in default
    assert "https://example.org/elsewhere" not in default
    assert "https://example.org/confirmed" in confirmed
    assert "https://example.org/waiting" not in confirmed
    # Who gave the verdict and when, in the reader's zone (Mira: Europe/Berlin).
    assert "Confirmed by a mentor (Olga Orgadmin)" in confirmed
    assert "Sat 20 Mar 2027, 19:00 CET" in confirmed
    assert 'value="confirmed">Confirm</button>' not in confirmed
    assert "https://example.org/rejected" in rejected
    assert nonsense.status_code == 200
    assert "https://example.org/waiting" in nonsense.content.decode()


def test_a_program_admin_reads_the_list_without_the_buttons(client, participation, program_admin):
    ContributionFactory(participation=participation)
    client.force_login(program_admin)

    html = client.get(url(participation)).content.decode()

    assert "Not reviewed yet" in html
    assert ">Confirm</button>" not in html


def test_a_verdict_given_on_the_list_returns_to_the_list_with_its_filter(
    client, participation, mentor
):
    contribution = ContributionFactory(participation=participation)
    client.force_login(mentor)
    here = url(participation, "verdict=unreviewed&page=1")

    response = client.post(review_url(contribution), {"verdict": "confirmed", "next": here})

    assert response.status_code == 302
    assert response["Location"] == here
    contribution.refresh_from_db()
    assert contribution.verdict == Verdict.CONFIRMED
    assert contribution.reviewed_by == mentor


@pytest.mark.parametrize(
    "back",
    ["https://evil.example.org/", "//evil.example.org/", "/rounds/gsoc-2027/orgs/libvirt/"],
)
def test_a_return_address_off_the_list_is_ignored(client, participation, mentor, back):
    contribution = ContributionFactory(participation=participation)
    client.force_login(mentor)

    response = client.post(review_url(contribution), {"verdict": "rejected", "next": back})

    assert response["Location"] == review_url(contribution)


def test_it_is_paginated(client, participation, mentor):
    ContributionFactory.create_batch(CONTRIBUTIONS_PER_PAGE + 1, participation=participation)
    client.force_login(mentor)

    first = client.get(url(participation))
    second = client.get(url(participation, "page=2"))

    assert len(first.context["page"]) == CONTRIBUTIONS_PER_PAGE
    assert len(second.context["page"]) == 1
    assert client.get(url(participation, "page=zzz")).status_code == 200
    assert "Page 1 of 2" in first.content.decode()


# session, user; participation, roles; count and page of contributions (with applicant and
# reviewer); the verdicts' counts.
@pytest.mark.parametrize("count", [10, 1000])
def test_it_makes_the_same_queries_for_10_and_1000_contributions(
    client, participation, mentor, org_admin, django_assert_num_queries, count
):
    applicants = UserFactory.create_batch(5)
    Contribution.objects.bulk_create(
        Contribution(
            applicant=applicants[i % 5],
            participation=participation,
            url=f"https://example.org/mr/{i}",
            description="Fixes a crash.",
            **(
                {
                    "verdict": Verdict.CONFIRMED,
                    "reviewed_by": org_admin,
                    "reviewed_at": datetime(2027, 3, 20, tzinfo=UTC),
                }
                if i % 2
                else {}
            ),
        )
        for i in range(count)
    )
    client.force_login(mentor)

    for query in ("", "verdict=confirmed"):
        with django_assert_num_queries(7):
            response = client.get(url(participation, query))
        assert len(response.context["page"]) == min(count // 2, CONTRIBUTIONS_PER_PAGE)


def test_the_org_dashboard_and_the_proposal_list_link_to_it_with_the_unreviewed_count(
    client, participation, org_admin
):
    ContributionFactory.create_batch(3, participation=participation)
    ContributionFactory(participation=participation, confirmed=True)
    client.force_login(org_admin)

    dashboard = client.get(
        reverse("programs:participation_manage", args=["gsoc-2027", "qemu"])
    ).content.decode()
    proposals = client.get(
        reverse("selection:review_list", args=["gsoc-2027", "qemu"])
    ).content.decode()

    assert f'href="{url(participation)}">Contributions to review</a>' in dashboard
    assert '<span class="num">3</span> not reviewed yet' in dashboard
    assert f'href="{url(participation)}">Contributions to review</a>' in proposals


def test_the_review_page_of_one_contribution_links_back_to_the_list(client, participation, mentor):
    contribution = ContributionFactory(participation=participation)
    client.force_login(mentor)

    html = client.get(review_url(contribution)).content.decode()

    assert f'href="{url(participation)}">All contributions to review</a>' in html
