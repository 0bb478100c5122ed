"""A program admin resolves a conflict: keeps one selection (or up to the round's rule),
releases the others, and each released organization's admins are told they may select their
next proposal."""

import pytest
from django.core.exceptions import ValidationError

from notifications.models import Message
from selection.models import Candidacy, Conflict, SelectionChange
from selection.services.choosing import candidacy_select
from selection.services.conflicts import conflict_resolve, preference_rows
from tests.selection.choosing_world import (
    candidate,
    granted,
    in_review,
    mentor_of,
    other_organization,
)

pytestmark = pytest.mark.django_db
Action = SelectionChange.Action


@pytest.fixture
def conflict(participation, org_admin, mentor, applicant, program_admin):
    """Ana is selected by QEMU (her second preference, its rank 1) and by libvirt (her first,
    its rank 2)."""
    in_review(participation.round)
    granted(participation, 2)
    libvirt = other_organization(participation.round)
    libvirt_admin = mentor_of(libvirt, "Lia Libvirt")
    libvirt_admin.memberships.update(role="org_admin")
    theirs = candidate(
        libvirt,
        rank=2,
        mentor=mentor_of(libvirt),
        applicant=applicant,
        title="Faster migration",
        preference=1,
    )
    candidate(libvirt, rank=1, mentor=mentor_of(libvirt))
    ours = candidate(
        participation,
        rank=1,
        mentor=mentor,
        applicant=applicant,
        title="Disk backup tool",
        preference=2,
    )
    candidacy_select(candidacy=theirs, by=libvirt_admin)
    return candidacy_select(candidacy=ours, by=org_admin).conflict


def test_the_page_reads_each_organizations_rank_in_the_applicants_order(conflict):
    rows = preference_rows(conflict)

    assert [(r.proposal.title, r.proposal.preference, r.rank, r.selected) for r in rows] == [
        ("Faster migration", 1, 2, True),
        ("Disk backup tool", 2, 1, True),
    ]


def test_keeping_one_releases_the_other_and_tells_its_org_admins(conflict, program_admin):
    rows = preference_rows(conflict)
    kept, lost = rows[0].candidacy, rows[1].candidacy

    released = conflict_resolve(
        conflict=conflict, by=program_admin, keep=[kept.pk], note="Her first choice."
    )

    assert released == [lost]
    lost.refresh_from_db()
    kept.refresh_from_db()
    assert (kept.is_selected, lost.is_selected) == (True, False)
    assert SelectionChange.objects.filter(candidacy=lost).latest("pk").action == Action.RELEASED
    assert SelectionChange.objects.filter(candidacy=kept).latest("pk").action == Action.KEPT
    conflict = Conflict.objects.get()
    assert conflict.resolved_by == program_admin
    assert conflict.resolution == "Kept by libvirt; released by QEMU. Her first choice."
    (notice,) = Message.objects.filter(kind="selection_released")
    assert notice.recipient.email == "olga@example.org"
    assert "you can select your next proposal" in notice.text
    assert "Disk backup tool" in notice.text


def test_the_released_organization_can_select_its_next_proposal(
    conflict, program_admin, participation, org_admin, mentor
):
    granted(participation, 1)
    rows = preference_rows(conflict)
    conflict_resolve(conflict=conflict, by=program_admin, keep=[rows[0].candidacy.pk])

    next_one = candidate(participation, rank=2, mentor=mentor)

    assert candidacy_select(candidacy=next_one, by=org_admin).candidacy.is_selected


def test_it_refuses_to_keep_more_than_the_rule_allows(conflict, program_admin):
    both = [row.candidacy.pk for row in preference_rows(conflict)]

    with pytest.raises(ValidationError, match="keep no more than 1"):
        conflict_resolve(conflict=conflict, by=program_admin, keep=both)
    assert Candidacy.objects.selected().count() == 2


def test_only_program_admins_resolve(conflict, org_admin):
    keep = [preference_rows(conflict)[1].candidacy.pk]

    with pytest.raises(ValidationError, match="Only program admins resolve conflicts"):
        conflict_resolve(conflict=conflict, by=org_admin, keep=keep)


def test_a_resolved_conflict_is_not_resolved_again(conflict, program_admin):
    keep = [preference_rows(conflict)[0].candidacy.pk]
    conflict_resolve(conflict=conflict, by=program_admin, keep=keep)

    with pytest.raises(ValidationError, match="resolved already"):
        conflict_resolve(conflict=conflict, by=program_admin, keep=keep)
