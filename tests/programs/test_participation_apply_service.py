from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from programs.models import Membership, Organization, Participation
from programs.schedules import dates_from
from programs.services.participations import participation_apply
from programs.timeline import Phase
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db

ANSWERS = {
    "motivation": "New contributors for the block layer.",
    "mentoring_plan": "Two mentors per idea, weekly calls.",
    "previous_participation": "GSoC 2016 and 2017.",
    "slots_min": 1,
    "slots_max": 3,
    "gate_deadline": None,
}

NEW_ORG = {
    "name": "rust-vmm",
    "slug": "rust-vmm",
    "description": "Virtualization components in Rust.",
    "website": "https://github.com/rust-vmm",
    "source_repository": "https://github.com/rust-vmm/community",
    "mailing_list": "rust-vmm@lists.opendev.org",
    "chat_channels": "#rust-vmm on Slack",
    "logo_url": "",
    "umbrella": None,
}


@pytest.fixture
def open_round(program):
    return RoundFactory(program=program, slug="gsoc-2028", phase=Phase.ORG_APPLICATIONS)


def apply(round_, by, **kwargs):
    kwargs.setdefault("answers", ANSWERS)
    kwargs.setdefault("accepts_terms", True)
    if "organization" not in kwargs:
        kwargs.setdefault("new_organization", dict(NEW_ORG))
    return participation_apply(round_=round_, by=by, **kwargs)


def test_it_creates_a_draft_participation_with_the_answers(open_round, applicant):
    participation = apply(open_round, applicant)

    assert participation.status == Participation.Status.DRAFT
    assert participation.round == open_round
    assert participation.mentoring_plan == ANSWERS["mentoring_plan"]
    assert participation.slots_max == 3
    assert participation.submitted_at is None


def test_it_creates_the_new_organization_with_its_details(open_round, applicant):
    umbrella = OrganizationFactory(name="Linux Foundation", slug="lf")

    participation = apply(open_round, applicant, new_organization={**NEW_ORG, "umbrella": umbrella})

    organization = Organization.objects.get(slug="rust-vmm")
    assert participation.organization == organization
    assert organization.umbrella == umbrella
    assert organization.chat_channels == "#rust-vmm on Slack"


def test_it_makes_the_applicant_an_active_org_admin_who_accepted_the_terms_now(
    open_round, applicant
):
    now = open_round.org_applications_open + timedelta(days=1)
    with time_machine.travel(now, tick=False):
        participation = apply(open_round, applicant)

    membership = Membership.objects.get(participation=participation)
    assert membership.user == applicant
    assert membership.role == Membership.Role.ORG_ADMIN
    assert membership.status == Membership.Status.ACTIVE
    assert membership.terms_accepted_at == now


def test_a_former_org_admin_may_apply_for_their_organization_again(
    open_round, org_admin, participation
):
    new = apply(open_round, org_admin, organization=participation.organization)

    assert new.organization == participation.organization
    assert new.round == open_round
    assert Organization.objects.filter(slug="qemu").count() == 1


def test_it_refuses_an_organization_the_person_never_coordinated(open_round, mentor, participation):
    with pytest.raises(ValidationError, match="Only an org admin of QEMU"):
        apply(open_round, mentor, organization=participation.organization)

    assert not Participation.objects.filter(round=open_round).exists()


def test_a_former_org_admin_whose_role_ended_cannot_apply_for_it(
    open_round, applicant, participation
):
    MembershipFactory(
        participation=participation,
        user=applicant,
        role=Membership.Role.ORG_ADMIN,
        status=Membership.Status.WITHDRAWN,
    )

    with pytest.raises(ValidationError, match="Only an org admin of QEMU"):
        apply(open_round, applicant, organization=participation.organization)


def test_it_refuses_an_organization_that_already_applied_to_the_round(
    open_round, org_admin, participation
):
    ParticipationFactory(round=open_round, organization=participation.organization)

    with pytest.raises(ValidationError, match="QEMU has already applied"):
        apply(open_round, org_admin, organization=participation.organization)


def test_it_refuses_without_the_terms_accepted(open_round, applicant):
    with pytest.raises(ValidationError, match="Accept the program's terms"):
        apply(open_round, applicant, accepts_terms=False)

    assert not Organization.objects.filter(slug="rust-vmm").exists()


def test_it_refuses_one_second_after_the_deadline_naming_it_in_the_applicants_zone(
    program, applicant
):
    # Organization applications close on Monday 15 March 2027 at 18:00 UTC, which is
    # 23:30 in Kolkata, the applicant's zone.
    round_ = RoundFactory(program=program, timeline=dates_from(datetime(2027, 3, 1, tzinfo=UTC)))
    assert round_.org_applications_close == datetime(2027, 3, 15, 18, 0, tzinfo=UTC)

    with time_machine.travel(round_.org_applications_close - timedelta(seconds=1), tick=False):
        apply(round_, applicant, new_organization={**NEW_ORG, "slug": "early", "name": "Early"})

    with (
        time_machine.travel(round_.org_applications_close + timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError) as refusal,
    ):
        apply(round_, applicant)

    assert "Mon 15 Mar 2027, 23:30 IST" in refusal.value.messages[0]
    assert not Organization.objects.filter(slug="rust-vmm").exists()


def test_it_refuses_before_organization_applications_open_naming_the_opening(program, applicant):
    round_ = RoundFactory(program=program, phase=Phase.UPCOMING)

    with pytest.raises(ValidationError, match="open on"):
        apply(round_, applicant)
