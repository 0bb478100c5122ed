"""An organization's selection page: its slots and ranked list, with a select or deselect
button per row.

Access: the organization's org admins and program admins act; its mentors read (403 on
acting); people outside the organization (a mentor of another, an applicant) get 404. The
applicant's order of preference never reaches this page: its query leaves the column out.
"""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Application, Proposal
from selection.models import Candidacy, MentorCommitment, Review, SelectionChange
from tests.factories import ProjectIdeaFactory, UserFactory
from tests.selection.choosing_world import (
    candidate,
    granted,
    in_review,
    mentor_of,
    other_organization,
)

pytestmark = pytest.mark.django_db
URL = reverse("selection:selection", args=["gsoc-2027", "qemu"])


@pytest.fixture
def qemu(participation, org_admin, mentor):
    in_review(participation.round)
    return granted(participation, 2)


@pytest.fixture
def ranked(qemu, mentor, applicant):
    first = candidate(
        qemu, rank=1, mentor=mentor, applicant=applicant, title="Disk backup tool", preference=7
    )
    Review.objects.create(proposal=first.proposal, mentor=mentor, score=4)
    Review.objects.create(proposal=first.proposal, mentor=UserFactory(), score=5)
    second = candidate(qemu, rank=2, title="Faster migration")
    return first, second


# --- Access ------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["outsider", "applicant"])
def test_people_outside_the_organization_are_not_told_it_selects(request, client, qemu, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(URL).status_code == 404
    assert client.post(URL, {"proposal": 1, "action": "select"}).status_code == 404


def test_mentors_read_the_list_but_do_not_select(client, ranked, mentor):
    client.force_login(mentor)

    response = client.get(URL)

    assert response.status_code == 200
    assert "Disk backup tool" in response.content.decode()
    assert 'name="action"' not in response.content.decode()
    first, _ = ranked
    response = client.post(URL, {"proposal": first.pk, "action": "select"})
    assert response.status_code == 403
    first.refresh_from_db()
    assert not first.is_selected


def test_a_mentor_sees_an_average_only_where_they_gave_their_own_score(
    client, ranked, qemu, mentor
):
    _, second = ranked
    Review.objects.create(proposal=second.proposal, mentor=UserFactory(), score=2)
    client.force_login(mentor)

    page = client.get(URL).content.decode()

    assert "4.50" in page  # the first: the mentor scored it
    assert "2.00" not in page  # the second: another mentor's score alone
    assert "Score it to see" in page


@pytest.mark.parametrize("person", ["org_admin", "program_admin"])
def test_org_admins_and_program_admins_see_the_page(request, client, ranked, person):
    client.force_login(request.getfixturevalue(person))

    response = client.get(URL)

    assert response.status_code == 200
    assert 'name="action" value="select"' in response.content.decode()


def test_anonymous_people_log_in_first(client, qemu):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


# --- What it shows ----------------------------------------------------------------------


def test_it_shows_the_slots_and_each_rows_standing(client, ranked, org_admin, mentor, applicant):
    client.force_login(org_admin)
    libvirt = other_organization(ranked[0].participation.round)
    elsewhere = candidate(libvirt, rank=1, mentor=mentor_of(libvirt), applicant=applicant)
    Candidacy.objects.filter(pk=elsewhere.pk).update(selected_at=elsewhere.proposal.submitted_at)

    page = client.get(URL).content.decode()

    assert '<span class="num">0</span> of <span class="num">2</span> slots granted used' in page
    assert "4.50" in page  # the average score
    assert "Mira Mentor" in page  # committed
    assert "None</span>" in page  # the second proposal has no committed mentor
    assert "libvirt" in page  # Ana is selected there too
    assert "No gate" in page
    assert "Eligible" in page


def test_the_applicants_preference_is_never_read_for_the_page(
    client, ranked, org_admin, mentor, program_admin
):
    for person in (org_admin, mentor, program_admin):
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        assert not [q["sql"] for q in queries if '"preference"' in q["sql"]]


# --- Selecting --------------------------------------------------------------------------


def test_an_org_admin_selects_and_deselects_a_row(client, ranked, org_admin):
    first, _ = ranked
    client.force_login(org_admin)

    response = client.post(URL, {"proposal": first.pk, "action": "select", "page": 1}, follow=True)

    first.refresh_from_db()
    assert first.is_selected
    assert "“Disk backup tool” is selected." in response.content.decode()
    assert 'name="action" value="deselect"' in response.content.decode()

    response = client.post(URL, {"proposal": first.pk, "action": "deselect"}, follow=True)

    first.refresh_from_db()
    assert not first.is_selected
    assert "“Disk backup tool” is no longer selected." in response.content.decode()


def test_a_refusal_is_told_with_its_reason(client, ranked, org_admin):
    _, uncommitted = ranked
    client.force_login(org_admin)

    response = client.post(URL, {"proposal": uncommitted.pk, "action": "select"}, follow=True)

    assert "No mentor of QEMU is committed to “Faster migration”" in response.content.decode()
    uncommitted.refresh_from_db()
    assert not uncommitted.is_selected


def test_another_organizations_proposal_is_not_found(client, qemu, org_admin):
    libvirt = other_organization(qemu.round)
    theirs = candidate(libvirt, rank=1, mentor=mentor_of(libvirt))
    client.force_login(org_admin)

    assert client.post(URL, {"proposal": theirs.pk, "action": "select"}).status_code == 404


def test_nonsense_is_refused_without_harm(client, ranked, org_admin):
    client.force_login(org_admin)

    response = client.post(URL, {"proposal": "x" * 5000, "action": "drop"}, follow=True)

    assert response.status_code == 200
    assert "Choose a proposal of the list" in response.content.decode()


# --- Size -------------------------------------------------------------------------------


def _ranked_in_bulk(participation, mentor, count: int) -> None:
    """`count` ranked proposals with a committed mentor and a review each, in bulk."""
    round_ = participation.round
    people = UserFactory._meta.model.objects.bulk_create(
        UserFactory.build(email=f"bulk{n}@example.org") for n in range(count)
    )
    applications = Application.objects.bulk_create(
        Application(applicant=person, round=round_, hours_per_week=20) for person in people
    )
    idea = ProjectIdeaFactory(participation=participation)
    proposals = Proposal.objects.bulk_create(
        Proposal(
            applicant=a.applicant,
            application=a,
            idea=idea,
            title=f"Bulk {n}",
            status=Proposal.Status.SUBMITTED,
            submitted_at=round_.applications_open,
        )
        for n, a in enumerate(applications)
    )
    Candidacy.objects.bulk_create(
        Candidacy(proposal=p, participation=participation, applicant=p.applicant, rank=n + 1)
        for n, p in enumerate(proposals)
    )
    MentorCommitment.objects.bulk_create(
        MentorCommitment(proposal=p, mentor=mentor) for p in proposals
    )
    Review.objects.bulk_create(Review(proposal=p, mentor=mentor, score=3) for p in proposals)


@pytest.mark.parametrize("proposals", [2, 60])
def test_its_queries_do_not_grow_with_the_list(
    client, qemu, org_admin, mentor, django_assert_num_queries, proposals
):
    qemu.gate_contributions = 1
    qemu.gate_deadline = qemu.round.applications_close
    qemu.save()
    _ranked_in_bulk(qemu, mentor, proposals)
    client.force_login(org_admin)
    # Session, user, participation, roles, slots used, the page's count and rows, their
    # commitments, the applicants' other selections.
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count("Below</span>") == min(proposals, 25)


def test_a_selection_that_opens_a_conflict_says_so(client, ranked, org_admin, applicant):
    first, _ = ranked
    libvirt = other_organization(first.participation.round)
    theirs = candidate(libvirt, rank=1, mentor=mentor_of(libvirt), applicant=applicant)
    Candidacy.objects.filter(pk=theirs.pk).update(selected_at=theirs.proposal.submitted_at)
    client.force_login(org_admin)

    response = client.post(URL, {"proposal": first.pk, "action": "select"}, follow=True)

    assert "a program admin will resolve the conflict" in response.content.decode()
    assert "Conflict</span>" in response.content.decode()


def test_no_buttons_before_the_application_deadline(client, ranked, org_admin):
    round_ = ranked[0].participation.round
    client.force_login(org_admin)

    with time_machine.travel(round_.applications_close - timedelta(seconds=1)):
        page = client.get(URL).content.decode()

    assert "Selection opens at the application deadline" in page
    assert 'name="action"' not in page


def test_after_the_results_only_program_admins_change_a_selection_with_a_reason(
    client, ranked, org_admin, program_admin
):
    first, _ = ranked
    round_ = first.participation.round
    client.force_login(org_admin)
    with time_machine.travel(round_.results_announced + timedelta(hours=1)):
        assert 'name="action"' not in client.get(URL).content.decode()
        client.force_login(program_admin)
        page = client.get(URL).content.decode()
        assert f'<label for="reason-{first.pk}">Reason</label>' in page

        response = client.post(
            URL, {"proposal": first.pk, "action": "select", "reason": "A late mentor."}
        )

    assert response.status_code == 302
    change = SelectionChange.objects.get()
    assert (change.after_results, change.reason) == (True, "A late mentor.")
