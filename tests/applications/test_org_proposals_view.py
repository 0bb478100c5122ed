"""The mentors' list: the submitted proposals to an organization's ideas, paginated, each with
the applicant (name, zone), the idea, when it was submitted, the applicant's contributions to
this organization with their verdicts, and their eligibility answers.

Access: the organization's mentors and org admins and program admins (200); another
organization's mentor and an applicant get 404; anonymous visitors log in first.
"""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from applications.models import Commitment
from applications.services.dashboard import PROPOSALS_PER_PAGE
from tests.factories import (
    ApplicationFactory,
    ContributionFactory,
    ParticipationFactory,
    ProjectIdeaFactory,
    ProposalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(participation, **query):
    address = reverse(
        "applications:org_proposals",
        args=[participation.round.slug, participation.organization.slug],
    )
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


def submitted(participation, *, idea=None, applicant=None, **extra):
    application = ApplicationFactory(
        round=participation.round, applicant=applicant or UserFactory()
    )
    return ProposalFactory(
        application=application,
        idea=idea or ProjectIdeaFactory(participation=participation),
        submitted=True,
        **extra,
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
    client.force_login(request.getfixturevalue(viewer))
    response = client.get(url(participation))
    assert response.status_code == status
    if status == 200:
        assert "private" in response["Cache-Control"]


def test_an_anonymous_visitor_logs_in_first(client, participation):
    response = client.get(url(participation))
    assert response.status_code == 302


def test_a_row_shows_the_applicant_idea_date_contributions_and_answers(
    client, participation, mentor
):
    ana = UserFactory(display_name="Ana Applicant", timezone="Asia/Kolkata")
    proposal = submitted(
        participation,
        applicant=ana,
        idea=ProjectIdeaFactory(participation=participation, title="Disk backup"),
        title="Incremental backups",
        submitted_at=datetime(2027, 3, 20, 18, 0, tzinfo=UTC),
    )
    application = proposal.application
    application.hours_per_week = 30
    application.save()
    coding = participation.round.coding_start.date()
    Commitment.objects.create(
        application=application, what="University exams", starts_on=coding, ends_on=coding
    )
    Commitment.objects.create(
        application=application,
        what="Ski trip",
        starts_on=date(2000, 1, 1),
        ends_on=date(2000, 1, 2),
    )
    ContributionFactory(
        applicant=ana,
        participation=participation,
        url="https://example.org/mr/1",
        accepted=True,
        confirmed=True,
    )
    ContributionFactory(applicant=ana, participation=participation, url="https://example.org/mr/2")
    other_org = ParticipationFactory(round=participation.round)
    ContributionFactory(applicant=ana, participation=other_org, url="https://example.org/elsewhere")
    client.force_login(mentor)

    html = client.get(url(participation)).content.decode()

    assert "Incremental backups" in html
    assert 'Ana Applicant <span class="muted">(Asia/Kolkata)</span>' in html
    assert "Disk backup" in html
    # Mira reads it in her zone, Europe/Berlin.
    assert "Sat 20 Mar 2027, 19:00 CET" in html
    assert '<span class="num">30</span> hours a week.' in html
    assert "University exams" in html
    assert "Ski trip" not in html  # long before the coding period
    assert "https://example.org/mr/1</a>: Accepted upstream" in html
    assert "confirmed by a mentor" in html
    assert "https://example.org/mr/2</a>: Submitted, not reviewed yet" in html
    assert "https://example.org/elsewhere" not in html


def test_only_submitted_proposals_to_this_organization_are_listed(client, participation, mentor):
    submitted(participation, title="Listed")
    ProposalFactory(idea__participation=participation, title="A draft")
    ProposalFactory(idea__participation=participation, title="Withdrawn one", withdrawn=True)
    other_org = ParticipationFactory(round=participation.round)
    submitted(other_org, title="Another organization's")
    client.force_login(mentor)

    html = client.get(url(participation)).content.decode()

    assert "Listed" in html
    assert "A draft" not in html
    assert "Withdrawn one" not in html
    assert "Another organization&#x27;s" not in html and "Another organization's" not in html


def test_the_preference_order_never_reaches_the_page(client, participation, program_admin, mentor):
    proposal = submitted(participation, title="Ordered", preference=7)
    for viewer in (mentor, program_admin):
        client.force_login(viewer)
        response = client.get(url(participation))
        (row,) = response.context["rows"]
        assert row.proposal.pk == proposal.pk
        # Never loaded: reading it would be one more query per row.
        assert "preference" in row.proposal.get_deferred_fields()
        assert "preference" not in response.content.decode().lower()


def test_it_filters_by_idea(client, participation, mentor):
    backup = ProjectIdeaFactory(participation=participation, title="Disk backup", slug="backup")
    submitted(participation, idea=backup, title="Backup plan")
    submitted(participation, title="Something else")
    client.force_login(mentor)

    html = client.get(url(participation, idea="backup")).content.decode()

    assert "Backup plan" in html
    assert "Something else" not in html
    assert '<option value="backup" selected>' in html


def test_an_unknown_idea_is_not_found(client, participation, mentor):
    other_org = ParticipationFactory(round=participation.round)
    ProjectIdeaFactory(participation=other_org, slug="theirs")
    client.force_login(mentor)

    assert client.get(url(participation, idea="theirs")).status_code == 404
    assert client.get(url(participation, idea="x" * 5000)).status_code == 404


def test_it_is_paginated(client, participation, mentor):
    idea = ProjectIdeaFactory(participation=participation)
    for _ in range(PROPOSALS_PER_PAGE + 1):
        submitted(participation, idea=idea)
    client.force_login(mentor)

    first = client.get(url(participation))
    second = client.get(url(participation, page=2))
    nonsense = client.get(url(participation, page="zzz"))

    assert len(first.context["rows"]) == PROPOSALS_PER_PAGE
    assert len(second.context["rows"]) == 1
    assert nonsense.status_code == 200
    assert "Page 1 of 2" in first.content.decode()


# session, user; participation, roles; count, page of proposals, their commitments,
# their contributions; the idea filter.
@pytest.mark.parametrize("count", [10, 1000])
def test_it_makes_the_same_queries_for_10_and_1000_proposals(
    client, participation, mentor, django_assert_num_queries, count
):
    ideas = [ProjectIdeaFactory(participation=participation) for _ in range(3)]
    for index in range(count):
        proposal = submitted(participation, idea=ideas[index % 3])
        if index < PROPOSALS_PER_PAGE:
            ContributionFactory(applicant=proposal.applicant, participation=participation)
    client.force_login(mentor)

    with django_assert_num_queries(9):
        response = client.get(url(participation))

    assert len(response.context["rows"]) == min(count, PROPOSALS_PER_PAGE)
