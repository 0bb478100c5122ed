"""A conflict's page: each organization's rank for the applicant and the applicant's own order
of preference; a program admin keeps one selection and releases the others.

Access: program admins only. Everyone else, the org admins of the organizations involved
included, is told nothing exists (404): the page names the applicant's preference order,
which only program admins see. Anonymous people log in first.
"""

import pytest
from django.urls import reverse

from notifications.models import Message
from selection.models import Candidacy, Conflict
from selection.services.choosing import candidacy_select
from tests.selection.choosing_world import (
    candidate,
    granted,
    in_review,
    mentor_of,
    other_organization,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def conflict(participation, org_admin, mentor, applicant, program_admin, outsider):
    in_review(participation.round)
    granted(participation, 2)
    libvirt = other_organization(participation.round)
    candidacy_select(
        candidacy=candidate(
            libvirt,
            rank=3,
            mentor=mentor_of(libvirt),
            applicant=applicant,
            title="Faster migration",
            preference=1,
        ),
        by=program_admin,
    )
    ours = candidate(
        participation,
        rank=1,
        mentor=mentor,
        applicant=applicant,
        title="Disk backup tool",
        preference=2,
    )
    return candidacy_select(candidacy=ours, by=org_admin).conflict


def url(conflict) -> str:
    return reverse("selection:conflict", args=["gsoc-2027", conflict.pk])


@pytest.mark.parametrize("person", ["outsider", "applicant", "org_admin", "mentor"])
def test_nobody_but_program_admins_learns_the_conflict_exists(request, client, conflict, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url(conflict)).status_code == 404
    assert client.post(url(conflict), {"keep": []}).status_code == 404


def test_anonymous_people_log_in_first(client, conflict):
    assert "/accounts/login/" in client.get(url(conflict)).url


def test_a_conflict_of_another_round_is_not_found(client, conflict, program_admin):
    client.force_login(program_admin)

    other = reverse("selection:conflict", args=["another-round", conflict.pk])
    assert client.get(other).status_code == 404


def test_a_program_admin_sees_the_ranks_in_the_applicants_order(client, conflict, program_admin):
    client.force_login(program_admin)

    response = client.get(url(conflict))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ana Applicant, selected beyond the rule" in page
    assert page.index("Faster migration") < page.index("Disk backup tool")
    rows = [(r.proposal.preference, r.rank) for r in response.context["rows"]]
    assert rows == [(1, 3), (2, 1)]


def test_keeping_one_releases_the_other_and_tells_its_org_admins(
    client, conflict, program_admin, org_admin
):
    client.force_login(program_admin)
    theirs = Candidacy.objects.get(proposal__title="Faster migration")

    response = client.post(url(conflict), {"keep": [theirs.pk], "note": "Her first choice."})

    assert response.status_code == 302
    assert response.url == reverse("selection:round_selection", args=["gsoc-2027"])
    conflict.refresh_from_db()
    assert conflict.resolved_by == program_admin
    assert not Candidacy.objects.get(proposal__title="Disk backup tool").is_selected
    assert Message.objects.get(kind="selection_released").recipient == org_admin
    page = client.get(url(conflict)).content.decode()
    assert "Kept by libvirt; released by QEMU. Her first choice." in page


def test_keeping_both_is_refused_and_the_form_keeps_the_note(client, conflict, program_admin):
    client.force_login(program_admin)
    both = list(Candidacy.objects.selected().values_list("pk", flat=True))

    response = client.post(url(conflict), {"keep": both, "note": "Hmm."})

    assert response.status_code == 400
    page = response.content.decode()
    assert "keep no more than 1" in page
    assert "Hmm." in page
    assert Conflict.objects.open().exists()


def test_choosing_nothing_is_refused(client, conflict, program_admin):
    client.force_login(program_admin)

    response = client.post(url(conflict), {"note": "x" * 5000})

    assert response.status_code == 400
    assert "Choose the selection to keep." in response.content.decode()
