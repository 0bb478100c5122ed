"""The demo's internships (evaluations/demo/), added through the programs part's extension
hook, and the one transaction the whole build runs in."""

from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

import evaluations.demo
from evaluations.models import Internship
from programs.demo import build_demo, run_extensions
from programs.models import Program
from programs.timeline import Phase

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
Status = Internship.Status


def full_demo(phase: Phase):
    world = build_demo(phase, NOW)
    run_extensions(world)
    return world


def current(world, key: str):
    return Internship.objects.filter(participation__round=world.rounds[key])


@pytest.mark.django_db
def test_qemus_history_holds_forty_passed_internships_of_thirty_seven_people():
    world = full_demo(Phase.APPLICATIONS)

    past = Internship.objects.filter(participation__round__in=world.past_rounds)
    assert past.count() == 40
    assert past.values("intern").distinct().count() == 37
    assert set(past.values_list("status", flat=True)) == {Status.COMPLETED}
    assert past.filter(participation__round__slug="gsoc-2013").count() == 9


@pytest.mark.django_db
def test_before_results_the_main_round_has_no_interns_and_outreachy_has_them():
    world = full_demo(Phase.APPLICATIONS)

    assert not current(world, "gsoc").exists()
    assert current(world, "outreachy").count() == 3
    assert current(world, "outreachy").filter(intern__email="intern@example.org").exists()


@pytest.mark.django_db
def test_from_community_bonding_on_every_accepted_organization_fills_its_slots():
    world = full_demo(Phase.COMMUNITY_BONDING)

    for participation in world.accepted("gsoc"):
        assert participation.internships.count() == participation.slots_granted
    assert set(current(world, "gsoc").values_list("status", flat=True)) == {Status.ACTIVE}
    intern = world.accounts["intern"]
    assert intern.internships.get().participation == world.participations[("gsoc", "qemu")]


@pytest.mark.django_db
def test_after_the_midterm_one_internship_has_failed():
    world = full_demo(Phase.CODING_SECOND_HALF)

    assert not current(world, "gsoc").filter(
        intern__email="intern@example.org", status=Status.FAILED
    )
    statuses = list(current(world, "gsoc").values_list("status", flat=True))
    assert statuses.count(Status.FAILED) == 1
    assert statuses.count(Status.MIDTERM_PASSED) == len(statuses) - 1


@pytest.mark.django_db
def test_after_the_final_deadline_the_others_have_passed_but_the_extended_one_still_runs():
    world = full_demo(Phase.WRAP_UP)

    statuses = list(current(world, "gsoc").values_list("status", flat=True))
    assert statuses.count(Status.FAILED) == 1
    assert statuses.count(Status.MIDTERM_PASSED) == 1  # extended: its final closes later
    assert statuses.count(Status.COMPLETED) == len(statuses) - 2


@pytest.mark.django_db
@pytest.mark.parametrize("phase", list(Phase))
def test_the_intern_account_exists_in_every_phase(phase):
    world = full_demo(phase)

    assert world.accounts["intern"].internships.exists()


@pytest.mark.django_db
def test_a_failing_extension_leaves_nothing_behind(monkeypatch, settings):
    settings.DEBUG = True

    def broken(world):
        raise RuntimeError("extension failed")

    monkeypatch.setattr(evaluations.demo, "extend", broken)
    with time_machine.travel(NOW, tick=False), pytest.raises(RuntimeError):
        call_command("demo", stdout=StringIO())

    assert not Program.objects.exists()
