"""The organization's ranking: the ordered list beside each proposal's average, flags and
committed mentors, and the proposals waiting to join it. Plain forms (no JavaScript).

Access: org admins change it; mentors and program admins read it (200) and get 403 on a
change; another organization's mentor and an applicant get 404.
"""

import pytest
from django.urls import reverse

from selection.models import Candidacy, MentorCommitment, Review
from selection.services.ranking import rank_add
from tests.factories import ParticipationFactory, ReviewFactory
from tests.selection.review_world import in_review, submitted

pytestmark = pytest.mark.django_db
URL = reverse("selection:ranking", args=["gsoc-2027", "qemu"])


@pytest.fixture
def ranked(participation, mentor, org_admin):
    in_review(participation.round)
    proposals = [submitted(participation, title=t) for t in ("Alpha", "Bravo", "Charlie")]
    for p in proposals:
        MentorCommitment.objects.create(proposal=p, mentor=mentor)
        rank_add(proposal=p, by=org_admin)
    return proposals


def order():
    return list(Candidacy.objects.ranked().values_list("proposal__title", flat=True))


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("outsider", 404),
        ("applicant", 404),
        ("mentor", 200),
        ("program_admin", 200),
        ("org_admin", 200),
    ],
)
def test_the_organizations_people_and_program_admins_read_it(
    client, participation, request, viewer, status
):
    client.force_login(request.getfixturevalue(viewer))
    assert client.get(URL).status_code == status


@pytest.mark.parametrize(
    ("viewer", "status"), [("mentor", 403), ("program_admin", 403), ("outsider", 404)]
)
def test_only_org_admins_change_it(client, ranked, request, viewer, status):
    client.force_login(request.getfixturevalue(viewer))

    response = client.post(URL, {"action": "up", "proposal": ranked[2].pk})

    assert response.status_code == status
    assert order() == ["Alpha", "Bravo", "Charlie"]


def test_an_org_admin_moves_a_proposal_up_without_javascript(client, ranked, org_admin):
    client.force_login(org_admin)

    response = client.post(URL, {"action": "up", "proposal": ranked[2].pk})

    assert response.status_code == 302
    assert order() == ["Alpha", "Charlie", "Bravo"]


def test_it_lists_rank_average_flags_and_mentors(client, ranked, mentor, org_admin):
    ReviewFactory(proposal=ranked[0], mentor=mentor, score=4)
    Candidacy.objects.filter(proposal=ranked[0]).update(interview_flagged_at=ranked[0].submitted_at)
    client.force_login(org_admin)

    html = client.get(URL).content.decode()

    assert html.index("Alpha") < html.index("Bravo") < html.index("Charlie")
    assert "4.00" in html
    assert "Interview" in html
    assert "Mira Mentor" in html


def test_a_mentor_reading_it_sees_no_average_before_scoring(client, ranked, mentor, org_admin):
    ReviewFactory(proposal=ranked[0], mentor=org_admin, score=2)
    client.force_login(mentor)

    html = client.get(URL).content.decode()

    assert "2.00" not in html
    assert "Up</button>" not in html


def test_a_proposal_with_a_mentor_waits_to_be_added_at_the_end(
    client, participation, ranked, mentor, org_admin
):
    waiting = submitted(participation, title="Delta")
    submitted(participation, title="Echo, nobody committed")
    MentorCommitment.objects.create(proposal=waiting, mentor=mentor)
    client.force_login(org_admin)

    page = client.get(URL)
    client.post(URL, {"action": "add", "proposal": waiting.pk})

    assert [r.proposal.title for r in page.context["waiting_rows"]] == ["Delta"]
    assert order() == ["Alpha", "Bravo", "Charlie", "Delta"]


def test_a_refusal_is_said_not_raised(client, ranked, org_admin):
    client.force_login(org_admin)

    response = client.post(URL, {"action": "up", "proposal": ranked[0].pk}, follow=True)

    assert "already first" in response.content.decode()


@pytest.mark.parametrize("proposal", ["", "abc", "99999999", "1" * 40, "²", "١٢"])
def test_a_bad_proposal_is_not_found(client, ranked, org_admin, proposal):
    client.force_login(org_admin)
    assert client.post(URL, {"action": "up", "proposal": proposal}).status_code == 404


@pytest.mark.parametrize("place", ["²", "-1", "x", "9" * 9])
def test_a_bad_place_is_said_not_raised(client, ranked, org_admin, place):
    client.force_login(org_admin)

    response = client.post(URL, {"action": "place", "proposal": ranked[0].pk, "place": place})

    assert response.status_code == 302


def test_a_proposal_of_another_organization_is_not_found(client, round_, ranked, org_admin):
    elsewhere = submitted(ParticipationFactory(round=round_))
    client.force_login(org_admin)

    assert client.post(URL, {"action": "add", "proposal": elsewhere.pk}).status_code == 404


@pytest.mark.parametrize("count", [3, 60])
def test_its_queries_do_not_grow_with_the_ranking(
    client, participation, mentor, org_admin, django_assert_num_queries, count
):
    in_review(participation.round)
    for n in range(count):
        p = submitted(participation, title=f"P{n}")
        MentorCommitment.objects.create(proposal=p, mentor=mentor)
        Review.objects.create(proposal=p, mentor=mentor, score=3)
        Candidacy.objects.create(
            proposal=p, participation=participation, applicant=p.applicant, rank=n + 1
        )
    client.force_login(org_admin)
    # Session, user, participation, roles; the ranked page's count, rows and mentors; the
    # waiting page's count (nothing waits, so no rows are read); the round's rules.
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert response.status_code == 200


def test_a_drop_posts_the_place_and_the_page_works_without_it(client, ranked, org_admin):
    client.force_login(org_admin)

    html = client.get(URL).content.decode()
    client.post(URL, {"action": "place", "proposal": ranked[2].pk, "place": "1"})
    refused = client.post(URL, {"action": "place", "proposal": ranked[0].pk, "place": "x"})

    assert "js/ranking.js" in html and "<script>" not in html
    assert order() == ["Charlie", "Alpha", "Bravo"]
    assert refused.status_code == 302
