"""The applicant's dashboard in a round: their application, each proposal with its state and
idea, their contributions against each organization's gate, the next deadline in their zone
with a countdown, and what is left to do.

Access: the page shows only the signed-in person's own rows, so any signed-in person opens
their own (200), one applicant never sees another's rows, an unknown round is 404 and an
anonymous visitor logs in first.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from applications.models import Contribution
from programs.models import Participation
from tests.factories import (
    ApplicationFactory,
    ContributionFactory,
    ProjectIdeaFactory,
    ProposalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(round_):
    return reverse("applications:dashboard", args=[round_.slug])


def page(client, round_) -> str:
    response = client.get(url(round_))
    assert response.status_code == 200
    return response.content.decode()


def test_an_unknown_round_is_not_found(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("applications:dashboard", args=["nope"])).status_code == 404


def test_an_anonymous_visitor_logs_in_first(client, round_):
    response = client.get(url(round_))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_is_private(client, round_, applicant):
    client.force_login(applicant)
    response = client.get(url(round_))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_one_applicant_never_sees_anothers_application_or_proposals(
    client, participation, applicant
):
    other = ApplicationFactory(round=participation.round)
    ProposalFactory(
        application=other, title="Bruno's secret plan", idea__participation=participation
    )
    ContributionFactory(
        applicant=other.applicant, participation=participation, url="https://example.org/bruno/1"
    )
    client.force_login(applicant)

    html = page(client, participation.round)

    assert "Bruno's secret plan" not in html
    assert "https://example.org/bruno/1" not in html
    assert "Not filled in yet." in html


def test_without_an_application_it_asks_to_fill_it_in(client, round_, applicant):
    client.force_login(applicant)

    html = page(client, round_)

    assert "Fill in your application to write proposals." in html
    assert reverse("applications:application_form", args=[round_.slug]) in html


def test_it_says_why_an_ineligible_applicant_is_not_eligible_and_offers_no_submit(
    client, participation, applicant
):
    application = ApplicationFactory(
        applicant=applicant,
        round=participation.round,
        ineligible_reason="Current Google employees cannot take part.",
        marked_ineligible_at=datetime(2027, 3, 1, tzinfo=UTC),
    )
    ProposalFactory(application=application, idea__participation=participation, title="Draft A")
    client.force_login(applicant)

    html = page(client, participation.round)

    assert "Not eligible" in html
    assert "Current Google employees cannot take part." in html
    assert "Submit your draft" not in html


def test_each_proposal_shows_its_state_and_idea_with_the_submission_in_the_applicants_zone(
    client, participation, applicant
):
    application = ApplicationFactory(applicant=applicant, round=participation.round)
    ProposalFactory(
        application=application,
        idea=ProjectIdeaFactory(participation=participation, title="Disk backup"),
        title="My draft",
    )
    ProposalFactory(
        application=application,
        idea=ProjectIdeaFactory(participation=participation, title="Faster boot"),
        title="My submitted one",
        submitted=True,
        submitted_at=datetime(2027, 3, 20, 18, 0, tzinfo=UTC),
    )
    ProposalFactory(
        application=application,
        idea=ProjectIdeaFactory(participation=participation, title="Old idea"),
        title="Given up",
        withdrawn=True,
    )
    client.force_login(applicant)

    html = page(client, participation.round)

    assert "My draft</a>\n      to" in html and "Disk backup" in html
    # Ana lives in Asia/Kolkata: 18:00 UTC is 23:30 IST.
    assert "Submitted on <time" in html and "Sat 20 Mar 2027, 23:30 IST" in html
    assert "Withdrawn" in html and "Old idea" in html
    assert "Draft" in html
    assert "Submit your draft “My draft”." in html
    assert "Submit your draft “My submitted one”" not in html
    proposal = application.proposals.get(title="My draft")
    assert reverse("applications:proposal", args=[participation.round.slug, proposal.pk]) in html


def test_it_shows_where_the_applicant_stands_against_the_gate(client, participation, applicant):
    round_ = participation.round
    Participation.objects.filter(pk=participation.pk).update(
        gate_contributions=1, gate_deadline=round_.applications_close - timedelta(days=2)
    )
    application = ApplicationFactory(applicant=applicant, round=round_)
    ProposalFactory(application=application, idea__participation=participation)
    client.force_login(applicant)

    before = page(client, round_)
    assert 'QEMU asks for <span class="num">1</span> accepted by' in before
    assert "0 of 1 accepted, confirmed by a mentor" in before
    assert "Record a contribution to QEMU" in before

    contribution = ContributionFactory(
        applicant=applicant, participation=participation, accepted=True
    )
    waiting = page(client, round_)
    assert '(<span class="num">1</span> waiting for a mentor)' in waiting

    Contribution.objects.filter(pk=contribution.pk).update(
        verdict=Contribution.Verdict.CONFIRMED, reviewed_at=datetime(2027, 3, 1, tzinfo=UTC)
    )
    after = page(client, round_)
    assert "1 of 1 accepted, confirmed by a mentor" in after
    assert "Record a contribution to QEMU" not in after
    assert "Confirmed by a mentor".lower() in after


def test_the_gate_counts_as_contribution_count_toward_gate_does(participation, applicant):
    """The one-query count of the dashboard agrees with the model's rule for one organization:
    accepted on or before the deadline's date (UTC) and confirmed count; later, rejected,
    unreviewed, or another applicant's do not."""
    from applications.services.dashboard import gate_standings

    deadline = datetime(2027, 4, 9, 23, 0, tzinfo=UTC)
    Participation.objects.filter(pk=participation.pk).update(
        gate_contributions=2, gate_deadline=deadline
    )
    participation.refresh_from_db()
    reviewed = {"reviewed_at": datetime(2027, 4, 1, tzinfo=UTC)}
    for accepted_at, verdict in [
        (deadline.date(), Contribution.Verdict.CONFIRMED),
        (deadline.date() + timedelta(days=1), Contribution.Verdict.CONFIRMED),
        (deadline.date(), Contribution.Verdict.REJECTED),
    ]:
        ContributionFactory(
            applicant=applicant,
            participation=participation,
            state="accepted",
            accepted_at=accepted_at,
            verdict=verdict,
            **reviewed,
        )
    ContributionFactory(applicant=applicant, participation=participation, accepted=True)
    ContributionFactory(participation=participation, accepted=True, confirmed=True)

    (standing,) = gate_standings(
        applicant=applicant,
        participations=Participation.objects.filter(pk=participation.pk),
        now=datetime(2027, 3, 1, tzinfo=UTC),
    )

    expected = Contribution.objects.count_toward_gate(
        applicant=applicant, participation=participation
    )
    assert standing.counted == expected == 1
    assert standing.awaiting_mentor == 1
    assert not standing.met


def test_the_next_deadline_is_the_earliest_ahead_in_the_applicants_zone(
    client, participation, applicant
):
    round_ = participation.round
    gate = round_.applications_close - timedelta(days=3)
    Participation.objects.filter(pk=participation.pk).update(
        gate_contributions=1, gate_deadline=gate
    )
    ContributionFactory(applicant=applicant, participation=participation)
    client.force_login(applicant)

    with time_machine.travel(gate - timedelta(days=2), tick=False):
        html = page(client, round_)
    assert "QEMU&#x27;s contribution deadline:</strong>" in html or (
        "QEMU's contribution deadline:</strong>" in html
    )
    assert " IST</time> (in 2\xa0days)" in html

    with time_machine.travel(gate + timedelta(seconds=1), tick=False):
        html = page(client, round_)
    assert "Application deadline:</strong>" in html
    assert "(in 2\xa0days, 23\xa0hours)" in html


def test_after_the_deadline_nothing_is_left_to_do(client, participation, applicant):
    round_ = participation.round
    application = ApplicationFactory(applicant=applicant, round=round_)
    ProposalFactory(application=application, idea__participation=participation, title="Late")
    client.force_login(applicant)

    with time_machine.travel(round_.applications_close, tick=False):
        html = page(client, round_)

    assert "Left to do" not in html
    assert "The application period is not open." in html


def _proposals(application, participation, count):
    for _ in range(count):
        ProposalFactory(application=application, idea__participation=participation, submitted=True)


# session, user; round; application, proposals, contributions, gates; interviews (selection's
# template tag).  (8)
@pytest.mark.parametrize("more", [0, 990])
def test_it_makes_the_same_queries_for_10_and_1000_proposals(
    client, participation, applicant, django_assert_num_queries, more
):
    round_ = participation.round
    Participation.objects.filter(pk=participation.pk).update(
        gate_contributions=1, gate_deadline=round_.applications_close
    )
    application = ApplicationFactory(applicant=applicant, round=round_)
    _proposals(application, participation, 10)
    ContributionFactory(applicant=applicant, participation=participation)
    # The rest of the round: other applicants' proposals, and more of the applicant's own
    # than the page shows (counted, not listed).
    others = ApplicationFactory(round=round_, applicant=UserFactory())
    _proposals(others, participation, more // 2)
    _proposals(application, participation, more // 2)
    client.force_login(applicant)

    with django_assert_num_queries(8):
        html = page(client, round_)

    assert html.count("Submitted on") == min(10 + more // 2, 50)
