"""`manage.py demo`: the programs part of the demo data, the accounts, and the command's rules."""

import logging
from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from people.models import User
from programs.demo import build_demo
from programs.demo.accounts import ACCOUNTS, PASSWORD
from programs.demo.catalogue import OUTREACHY_PHASE
from programs.demo.history import QEMU_HISTORY
from programs.models import (
    Invitation,
    Membership,
    Organization,
    Participation,
    Program,
    Round,
    hash_token,
)
from programs.timeline import Phase

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
Status = Participation.Status


@pytest.fixture(autouse=True)
def debug_on(settings):
    # The command refuses to run with DEBUG off (pytest-django's default).
    settings.DEBUG = True


@pytest.fixture
def demo(db):
    """The whole demo, as `make run` loads it, at a fixed moment; returns the output."""
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (User, Program, Round, Organization, Participation, Membership, Invitation)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
@pytest.mark.parametrize("phase", list(Phase))
def test_the_main_round_stands_in_the_chosen_phase(phase):
    world = build_demo(phase, NOW)

    assert Round.objects.get(slug=world.main_round.slug).phase_at(NOW) == phase
    assert world.main_round.program.slug == "gsoc"
    assert world.phase_of("outreachy") == OUTREACHY_PHASE[phase]


def test_outreachy_always_stands_in_another_phase_than_the_main_round():
    assert all(OUTREACHY_PHASE[phase] != phase for phase in Phase)


@pytest.mark.django_db
def test_the_main_round_is_named_after_the_year_it_codes_in():
    world = build_demo(Phase.APPLICATIONS, NOW)

    assert world.main_round.name == "Google Summer of Code 2026"
    assert world.main_round.slug == "gsoc-2026"


@pytest.mark.django_db
def test_while_organizations_apply_there_are_drafts_and_submitted_participations_but_no_decisions():
    world = build_demo(Phase.ORG_APPLICATIONS, NOW)

    statuses = set(world.main_round.participations.values_list("status", flat=True))
    assert statuses == {Status.DRAFT, Status.APPLIED}
    assert not world.main_round.participations.exclude(slots_granted=None).exists()


@pytest.mark.django_db
def test_once_organizations_are_announced_they_are_accepted_with_slots_and_one_rejected():
    world = build_demo(Phase.IDEA_PROPOSALS, NOW)

    participations = world.main_round.participations.all()
    accepted = [p for p in participations if p.status == Status.ACCEPTED]
    rejected = [p for p in participations if p.status == Status.REJECTED]
    assert len(accepted) == 4
    assert all(p.slots_granted and p.decided_at and p.slots_decided_at for p in accepted)
    assert [p.organization.slug for p in rejected] == ["mozilla"]
    assert sum(p.slots_granted for p in accepted) <= world.main_round.total_slots


@pytest.mark.django_db
def test_ganeti_asks_for_a_contribution_accepted_during_the_review():
    world = build_demo(Phase.APPLICATIONS, NOW)

    ganeti = world.participations[("gsoc", "ganeti")]
    round_ = world.main_round
    assert round_.applications_close < ganeti.gate_deadline < round_.results_announced


@pytest.mark.django_db
def test_every_organization_of_the_seeds_is_there_with_its_channels():
    build_demo(Phase.APPLICATIONS, NOW)

    orgs = {o.slug: o for o in Organization.objects.all()}
    assert set(orgs) == {"qemu", "libvirt", "mozilla", "ganeti", "rust-vmm"}
    assert orgs["qemu"].mailing_list == "qemu-devel@nongnu.org"
    assert "#qemu on irc.oftc.net" in orgs["qemu"].chat_channels
    assert all(o.description and o.website and o.source_repository for o in orgs.values())


@pytest.mark.django_db
def test_both_programs_accept_non_students_by_default():
    build_demo(Phase.APPLICATIONS, NOW)

    assert not Program.objects.filter(default_rules__students_only=True).exists()


@pytest.mark.django_db
def test_org_admins_and_mentors_hold_active_roles_with_terms_accepted():
    world = build_demo(Phase.APPLICATIONS, NOW)

    qemu = world.participations[("gsoc", "qemu")]
    roles = {
        (m.user.email, m.role)
        for m in qemu.memberships.active().select_related("user").exclude(terms_accepted_at=None)
    }
    assert ("orgadmin@example.org", Membership.Role.ORG_ADMIN) in roles
    assert ("mentor@example.org", Membership.Role.MENTOR) in roles
    libvirt = world.participations[("gsoc", "libvirt")]
    assert libvirt.memberships.filter(user__email="mentor2@example.org").exists()
    assert all(m.terms_accepted_at <= NOW for m in Membership.objects.all())


@pytest.mark.django_db
def test_open_invitations_store_the_hash_of_the_printed_token():
    world = build_demo(Phase.APPLICATIONS, NOW)

    assert len(world.invitations) == 2
    for demo in world.invitations:
        invitation = Invitation.objects.get(token_hash=hash_token(demo.token))
        assert invitation.is_open(NOW)
        assert invitation.role == Membership.Role.MENTOR


@pytest.mark.django_db
def test_qemus_past_rounds_are_finished_and_follow_the_slide():
    world = build_demo(Phase.APPLICATIONS, NOW)

    assert len(world.past_rounds) == len(QEMU_HISTORY) == 10
    assert all(r.phase_at(NOW) == Phase.FINISHED for r in world.past_rounds)
    qemu_2012 = Participation.objects.get(round__slug="gsoc-2012", organization__slug="qemu")
    assert qemu_2012.status == Status.REJECTED
    granted = Participation.objects.filter(round__in=world.past_rounds).accepted()
    assert sum(p.slots_granted for p in granted) == 40
    assert Round.objects.get(slug="gsoc-2010").rules.students_only


def test_it_lists_every_account_with_the_password(demo):
    for spec in ACCOUNTS:
        assert spec.email in demo
    assert PASSWORD in demo
    assert "local demo only" in demo


def test_loading_prints_nothing_but_its_summary(db, caplog):
    """The services' INFO logs (an import of ideas, say) would land in `make run`'s output
    between the migrations and the summary, as stray lines."""
    with caplog.at_level(logging.INFO), time_machine.travel(NOW, tick=False):
        call_command("demo", stdout=StringIO())
    assert [record.getMessage() for record in caplog.records] == []


def test_every_account_can_log_in_with_the_demo_password(demo, client):
    for spec in ACCOUNTS:
        assert client.login(email=spec.email, password=PASSWORD), spec.email
        assert EmailAddress.objects.filter(email=spec.email, verified=True, primary=True).exists()
        client.logout()


def test_the_accounts_have_their_roles_and_time_zones(demo):
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_program_admin and admin.is_staff and admin.is_superuser
    assert User.objects.get(email="mentor@example.org").timezone == "Europe/Berlin"
    assert User.objects.get(email="applicant@example.org").timezone == "Asia/Kolkata"
    assert not User.objects.get(email="orgadmin@example.org").is_staff


def test_placeholder_people_cannot_log_in(demo):
    placeholder = User.objects.get(email="ganeti-admin@example.org")
    assert not placeholder.has_usable_password()


def test_it_prints_the_invitation_links(demo):
    assert "new-mentor@example.org" in demo
    assert "demo-invitation-qemu-mentor" in demo


def test_if_empty_leaves_a_loaded_database_as_it_is_and_lists_the_accounts(demo):
    before = counts()
    out = StringIO()

    call_command("demo", "--if-empty", stdout=out)

    assert counts() == before
    assert "left as is" in out.getvalue()
    assert "admin@example.org" in out.getvalue()


@pytest.mark.django_db
def test_if_empty_twice_creates_nothing_the_second_time():
    call_command("demo", "--if-empty", stdout=StringIO())
    before = counts()

    call_command("demo", "--if-empty", stdout=StringIO())

    assert counts() == before
    assert before["Program"] == 2


def test_it_refuses_to_add_to_a_database_that_holds_programs(demo):
    before = counts()

    with pytest.raises(CommandError, match="--if-empty"):
        call_command("demo", stdout=StringIO())

    assert counts() == before


@pytest.mark.django_db
def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("demo", stdout=StringIO())

    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_phase_option_places_the_main_round(db):
    with time_machine.travel(NOW, tick=False):
        call_command("demo", "--phase", "review", stdout=StringIO())
        assert Round.objects.get(slug="gsoc-2026").phase == Phase.REVIEW


@pytest.mark.django_db
def test_it_rejects_an_unknown_phase():
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("demo", "--phase", "summer", stdout=StringIO())
