import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from programs import permissions
from programs.models import Membership
from programs.services.memberships import membership_end
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def role_of(user):
    return user.memberships.get()


def test_a_person_who_leaves_is_marked_withdrawn(mentor):
    membership = membership_end(membership=role_of(mentor), by=mentor)

    assert membership.status == Membership.Status.WITHDRAWN
    assert membership.ended_at is not None


def test_a_person_removed_by_an_org_admin_is_marked_rejected(mentor, org_admin):
    membership = membership_end(membership=role_of(mentor), by=org_admin)

    membership.refresh_from_db()
    assert membership.status == Membership.Status.REJECTED
    assert membership.ended_at is not None


def test_a_program_admin_may_remove_someone(mentor, program_admin):
    membership = membership_end(membership=role_of(mentor), by=program_admin)

    assert membership.status == Membership.Status.REJECTED


def test_the_role_ends_at_once_for_access(participation, mentor):
    round_slug, org_slug = participation.round.slug, participation.organization.slug
    assert permissions.participation_for_member(mentor, round_slug, org_slug) == participation

    membership_end(membership=role_of(mentor), by=mentor)

    with pytest.raises(Http404):
        permissions.participation_for_member(mentor, round_slug, org_slug)


def test_the_last_active_org_admin_cannot_leave(org_admin):
    with pytest.raises(ValidationError, match="last active org admin of QEMU"):
        membership_end(membership=role_of(org_admin), by=org_admin)

    assert role_of(org_admin).status == Membership.Status.ACTIVE


def test_the_last_active_org_admin_cannot_be_removed_by_a_program_admin(org_admin, program_admin):
    with pytest.raises(ValidationError, match="invite another org admin first"):
        membership_end(membership=role_of(org_admin), by=program_admin)


def test_an_org_admin_may_leave_when_another_remains(participation, org_admin):
    MembershipFactory(participation=participation, role=Membership.Role.ORG_ADMIN)

    membership = membership_end(membership=role_of(org_admin), by=org_admin)

    assert membership.status == Membership.Status.WITHDRAWN


def test_ended_org_admins_do_not_count_as_the_remaining_one(participation, org_admin):
    MembershipFactory(
        participation=participation,
        role=Membership.Role.ORG_ADMIN,
        status=Membership.Status.WITHDRAWN,
    )

    with pytest.raises(ValidationError, match="last active org admin"):
        membership_end(membership=role_of(org_admin), by=org_admin)


def test_ending_a_role_twice_says_it_already_ended(mentor, org_admin):
    membership = role_of(mentor)
    membership_end(membership=membership, by=mentor)

    with pytest.raises(ValidationError, match="already ended"):
        membership_end(membership=membership, by=org_admin)

    membership.refresh_from_db()
    assert membership.status == Membership.Status.WITHDRAWN


@pytest.mark.parametrize("who", ["outsider", "applicant", "another_mentor"])
def test_only_the_holder_and_the_organizations_admins_end_a_role(
    participation, mentor, request, who
):
    if who == "another_mentor":
        remover = MembershipFactory(participation=participation).user
    else:
        remover = request.getfixturevalue(who)

    with pytest.raises(ValidationError, match="Only the organization's admins may remove"):
        membership_end(membership=role_of(mentor), by=remover)

    assert role_of(mentor).status == Membership.Status.ACTIVE
