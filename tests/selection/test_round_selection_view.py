"""The program admins' selection table of a round: each accepted organization's slots granted,
selections and open conflicts, counted by the database, searchable and paginated; the round's
open conflicts, the oldest first.

Access: program admins; anyone else signed in gets 403 (the round is public, as programs'
pages of a round answer); anonymous people log in first.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from applications.models import Application, Proposal
from selection.models import Candidacy, Conflict
from selection.services.choosing import candidacy_select
from tests.factories import ProjectIdeaFactory, UserFactory
from tests.selection.choosing_world import (
    candidate,
    granted,
    in_review,
    mentor_of,
    other_organization,
)

pytestmark = pytest.mark.django_db
URL = reverse("selection:round_selection", args=["gsoc-2027"])


@pytest.fixture
def qemu(participation, org_admin, mentor):
    in_review(participation.round)
    return granted(participation, 3)


@pytest.fixture
def conflicted(qemu, org_admin, mentor, applicant, program_admin):
    """Ana selected by QEMU and libvirt; QEMU also selects someone else."""
    libvirt = other_organization(qemu.round)
    candidacy_select(
        candidacy=candidate(libvirt, rank=1, mentor=mentor_of(libvirt), applicant=applicant),
        by=program_admin,
    )
    candidacy_select(
        candidacy=candidate(qemu, rank=1, mentor=mentor, applicant=applicant), by=org_admin
    )
    candidacy_select(candidacy=candidate(qemu, rank=2, mentor=mentor), by=org_admin)
    return libvirt


@pytest.mark.parametrize("person", ["outsider", "applicant", "org_admin", "mentor"])
def test_only_program_admins_see_the_table(request, client, qemu, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(URL).status_code == 403


def test_an_unknown_round_is_not_found(client, program_admin):
    client.force_login(program_admin)

    assert client.get(reverse("selection:round_selection", args=["nope"])).status_code == 404


def test_anonymous_people_log_in_first(client, qemu):
    assert "/accounts/login/" in client.get(URL).url


def test_it_shows_each_organizations_slots_selections_and_conflicts(
    client, conflicted, program_admin
):
    client.force_login(program_admin)

    response = client.get(URL)

    assert response.status_code == 200
    rows = {
        p.organization.name: (p.slots_granted, p.selected, p.open_conflicts)
        for p in response.context["page"]
    }
    assert rows == {"QEMU": (3, 2, 1), "libvirt": (2, 1, 1)}
    totals = response.context["totals"]
    assert (totals.organizations, totals.slots_granted, totals.selected) == (2, 5, 3)
    page = response.content.decode()
    assert "Ana Applicant" in page
    (conflict,) = response.context["conflicts"].object_list
    assert reverse("selection:conflict", args=["gsoc-2027", conflict.pk]) in page


def test_it_finds_an_organization_by_name(client, conflicted, program_admin):
    client.force_login(program_admin)

    response = client.get(URL, {"q": "virt"})

    assert [p.organization.name for p in response.context["page"]] == ["libvirt"]


def _proposals_in_bulk(participation, count: int) -> None:
    """`count` ranked proposals to the organization, one in three selected, in bulk."""
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
        Candidacy(
            proposal=p,
            participation=participation,
            applicant=p.applicant,
            rank=n + 10,
            selected_at=round_.applications_close if n % 3 == 0 else None,
        )
        for n, p in enumerate(proposals)
    )


@pytest.mark.parametrize("proposals", [10, 1000])
def test_its_queries_do_not_grow_with_proposals(
    client, conflicted, program_admin, django_assert_num_queries, proposals
):
    _proposals_in_bulk(conflicted, proposals)
    client.force_login(program_admin)
    # Session, user, round, the page's count and rows, its selections and conflicts counted
    # (two), the totals (two), the open conflicts' count and page, and the selections of
    # their applicants.
    with django_assert_num_queries(12):
        response = client.get(URL)
    assert response.status_code == 200
    libvirt = next(p for p in response.context["page"] if p.organization.name == "libvirt")
    assert libvirt.selected == 1 + len(range(0, proposals, 3))


def test_every_open_conflict_is_reached_page_by_page(client, qemu, program_admin):
    for n in range(21):
        Conflict.objects.create(
            round=qemu.round,
            applicant=UserFactory(display_name=f"Applicant {n:02}"),
            opened_at=qemu.round.applications_close + timedelta(minutes=n),
        )
    client.force_login(program_admin)

    first = client.get(URL).content.decode()
    second = client.get(URL, {"conflicts": "2"}).content.decode()
    nonsense = client.get(URL, {"conflicts": "9" * 400, "page": "-1"})

    assert "Applicant 00" in first and "Applicant 20" not in first
    assert "Applicant 20" in second and "Applicant 00" not in second
    assert nonsense.status_code == 200
