"""The organization's review list (it replaced the mentors' plain proposal list): the
submitted proposals to its ideas, paginated, filtered by idea and state, each with the
applicant (name, zone, hours, commitments, contributions), the viewer's score, the average
(only once the viewer scored, for mentors), flags and the committed mentors.

Access: the organization's mentors and org admins and program admins (200); another
organization's mentor and an applicant get 404; nobody reads it read-only (there is no 403
here: every change happens on a proposal's review page or the ranking, whose tests carry
it); anonymous visitors log in first.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from applications.models import Application, Commitment, Proposal
from selection.models import Candidacy, MentorCommitment, Review
from selection.services.review_pages import PER_PAGE
from tests.factories import (
    ApplicationFactory,
    ContributionFactory,
    ParticipationFactory,
    ProjectIdeaFactory,
    ProposalFactory,
    ReviewFactory,
    UserFactory,
)
from tests.selection.review_world import in_review, submitted

pytestmark = pytest.mark.django_db


def url(participation, **query):
    address = reverse(
        "selection:review_list", args=[participation.round.slug, participation.organization.slug]
    )
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


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
    assert response.url.startswith(reverse("account_login"))


def test_the_old_address_of_the_mentors_list_redirects_here_for_good(client, participation, mentor):
    client.force_login(mentor)
    old = reverse("applications:org_proposals", args=["gsoc-2027", "qemu"])

    response = client.get(old + "?idea=disk-backup")

    assert response.status_code == 301
    assert response.url == url(participation, idea="disk-backup")


def test_a_row_shows_the_applicant_idea_date_hours_commitments_and_contributions(
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
    Application.objects.filter(pk=proposal.application_id).update(hours_per_week=30)
    coding = participation.round.coding_start.date()
    Commitment.objects.create(
        application=proposal.application, what="University exams", starts_on=coding, ends_on=coding
    )
    Commitment.objects.create(
        application=proposal.application,
        what="Ski trip",
        starts_on=date(2000, 1, 1),
        ends_on=date(2000, 1, 2),
    )
    ContributionFactory(applicant=ana, participation=participation, url="https://example.org/mr/1")
    other_org = ParticipationFactory(round=participation.round)
    ContributionFactory(applicant=ana, participation=other_org, url="https://example.org/elsewhere")
    client.force_login(mentor)

    html = client.get(url(participation)).content.decode()

    assert "Incremental backups" in html
    assert 'Ana Applicant <span class="muted">(Asia/Kolkata)</span>' in html
    assert "Disk backup" in html
    assert "Sat 20 Mar 2027, 19:00 CET" in html  # Mira reads it in her zone, Europe/Berlin
    assert '<span class="num">30</span> hours a week' in html
    assert "University exams" in html
    assert "Ski trip" not in html  # long before the coding period
    assert "https://example.org/mr/1" in html
    assert "elsewhere" not in html  # a contribution to another organization


def test_drafts_never_reach_the_organization_and_withdrawn_ones_are_filtered(
    client, participation, mentor
):
    idea = ProjectIdeaFactory(participation=participation)
    ProposalFactory(
        application=ApplicationFactory(round=participation.round), idea=idea, title="A draft"
    )
    gone = submitted(participation, idea=idea, title="Changed my mind")
    Proposal.objects.filter(pk=gone.pk).update(status="withdrawn", withdrawn_at=gone.submitted_at)
    submitted(participation, idea=idea, title="Still here")
    client.force_login(mentor)

    default = client.get(url(participation)).content.decode()
    withdrawn = client.get(url(participation, state="withdrawn")).content.decode()
    everything = client.get(url(participation, state="all")).content.decode()

    assert "Still here" in default and "Changed my mind" not in default
    assert "Changed my mind" in withdrawn and "Still here" not in withdrawn
    assert "A draft" not in everything


def test_it_filters_by_idea_and_by_state(client, participation, mentor, org_admin):
    disk = ProjectIdeaFactory(participation=participation, title="Disk backup", slug="disk")
    net = ProjectIdeaFactory(participation=participation, title="Networking", slug="net")
    scored = submitted(participation, idea=disk, title="Scored one")
    flagged = submitted(participation, idea=net, title="Flagged one")
    spam = submitted(participation, idea=net, title="Spam one")
    ReviewFactory(proposal=scored, mentor=mentor)
    Candidacy.objects.create(
        proposal=flagged,
        participation=participation,
        applicant=flagged.applicant,
        interview_flagged_at=flagged.submitted_at,
    )
    Candidacy.objects.create(
        proposal=spam,
        participation=participation,
        applicant=spam.applicant,
        set_aside="spam",
        set_aside_at=spam.submitted_at,
    )
    MentorCommitment.objects.create(proposal=flagged, mentor=mentor)
    client.force_login(mentor)

    def titles(**query):
        rows = client.get(url(participation, **query)).context["rows"]
        return sorted(row.proposal.title for row in rows)

    assert titles() == ["Flagged one", "Scored one"]  # spam is out of the running
    assert titles(idea="net") == ["Flagged one"]
    assert titles(state="unscored") == ["Flagged one"]
    assert titles(state="interview") == ["Flagged one"]
    assert titles(state="committed") == ["Flagged one"]
    assert titles(state="set_aside") == ["Spam one"]
    assert titles(idea="net", state="all") == ["Flagged one", "Spam one"]


@pytest.mark.parametrize("query", [{"idea": "nope"}, {"idea": "x" * 500}])
def test_an_unknown_idea_is_not_found(client, participation, mentor, query):
    client.force_login(mentor)
    assert client.get(url(participation, **query)).status_code == 404


def test_an_unknown_state_or_page_falls_back_instead_of_failing(client, participation, mentor):
    submitted(participation, title="Still here")
    client.force_login(mentor)

    response = client.get(url(participation, state="<script>", page="99999"))

    assert response.status_code == 200
    assert "Still here" in response.content.decode()


def test_a_mentor_sees_no_other_score_before_giving_their_own(
    client, participation, mentor, org_admin
):
    proposal = submitted(participation, title="Incremental backups")
    ReviewFactory(proposal=proposal, mentor=org_admin, score=2)
    client.force_login(mentor)

    before = client.get(url(participation))
    (row,) = before.context["rows"]
    assert row.average is None
    assert "2.00" not in before.content.decode()
    assert "1 review, shown once you score" in before.content.decode()

    ReviewFactory(proposal=proposal, mentor=mentor, score=5)
    after = client.get(url(participation)).content.decode()
    assert "3.50" in after


def test_org_admins_and_program_admins_see_the_average_at_once(
    client, participation, mentor, program_admin
):
    ReviewFactory(proposal=submitted(participation), mentor=mentor, score=4)
    client.force_login(program_admin)

    assert "4.00" in client.get(url(participation)).content.decode()


def test_it_shows_flags_rank_and_committed_mentors(client, participation, mentor, org_admin):
    proposal = submitted(participation)
    MentorCommitment.objects.create(proposal=proposal, mentor=mentor)
    Candidacy.objects.create(
        proposal=proposal,
        participation=participation,
        applicant=proposal.applicant,
        interview_flagged_at=proposal.submitted_at,
        rank=1,
    )
    client.force_login(org_admin)

    html = client.get(url(participation)).content.decode()

    assert "Interview" in html
    assert "Ranked 1" in html
    assert "Mira Mentor" in html


def test_it_pages_the_list(client, participation, mentor):
    idea = ProjectIdeaFactory(participation=participation)
    for _ in range(PER_PAGE + 1):
        submitted(participation, idea=idea)
    client.force_login(mentor)

    first = client.get(url(participation))
    second = client.get(url(participation, page=2))

    assert len(first.context["rows"]) == PER_PAGE
    assert len(second.context["rows"]) == 1


def _many(participation, mentors, count: int) -> None:
    """`count` submitted proposals, each reviewed by both mentors and committed to by one,
    half with a candidacy, in bulk."""
    round_ = participation.round
    idea = ProjectIdeaFactory(participation=participation)
    people = UserFactory._meta.model.objects.bulk_create(
        UserFactory.build(email=f"bulk{n}@example.org") for n in range(count)
    )
    applications = Application.objects.bulk_create(
        ApplicationFactory.build(applicant=person, round=round_) for person in people
    )
    proposals = Proposal.objects.bulk_create(
        Proposal(
            applicant=person,
            application=application,
            idea=idea,
            title=f"Proposal {n}",
            status=Proposal.Status.SUBMITTED,
            submitted_at=round_.applications_open,
        )
        for n, (person, application) in enumerate(zip(people, applications, strict=True))
    )
    Review.objects.bulk_create(
        Review(proposal=p, mentor=m, score=3 + n % 2)
        for p in proposals
        for n, m in enumerate(mentors)
    )
    MentorCommitment.objects.bulk_create(
        MentorCommitment(proposal=p, mentor=mentors[0]) for p in proposals
    )
    Candidacy.objects.bulk_create(
        Candidacy(proposal=p, participation=participation, applicant_id=p.applicant_id)
        for p in proposals[::2]
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_its_queries_do_not_grow_with_proposals(
    client, participation, mentor, org_admin, django_assert_num_queries, count
):
    in_review(participation.round)
    _many(participation, [mentor, org_admin], count)
    client.force_login(mentor)
    # Session, user, participation, roles, the count, the page with its averages, the
    # committed mentors, the applicants' commitments, their contributions, the ideas of
    # the filter; the round's rules (when the ranking is due).
    with django_assert_num_queries(11):
        response = client.get(url(participation))
    assert response.status_code == 200
    assert len(response.context["rows"]) == min(count, PER_PAGE)
    assert response.content.decode().count("3.50") == min(count, PER_PAGE)


def test_while_review_is_open_it_says_when_the_ranking_is_due_in_the_viewers_zone(
    client, participation, mentor
):
    round_ = in_review(participation.round)
    round_.rules.ranking_due_days = 5
    round_.rules.save()
    client.force_login(mentor)

    response = client.get(url(participation))

    due = response.context["ranking_due"]
    assert due == round_.results_announced - timedelta(days=5)
    assert "The ranking is due" in response.content.decode()
    assert "CET" in response.content.decode() or "CEST" in response.content.decode()
