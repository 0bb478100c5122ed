"""The demo's internships in the phases coding, midterm, final and finished: each phase shows
meetings logged and missing, evaluations submitted and missing, the extended internship, the
one failed at the midterm, payments waiting, approved and exported, and certificates
(evaluations/demo/story.py says which intern does what)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from evaluations.models import (
    Certificate,
    Decision,
    Evaluation,
    EvaluationPhase,
    Internship,
    InternshipEvent,
    Payment,
    PaymentExport,
)
from evaluations.services.outcome import State, phase_rows
from programs.demo import build_demo, run_extensions
from programs.timeline import Phase

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
Status = Internship.Status
pytestmark = pytest.mark.django_db


def demo_in(phase: Phase):
    # The services judge by the clock (the extension's rules): the clock is the demo's now.
    with time_machine.travel(NOW, tick=False):
        world = build_demo(phase, NOW)
        run_extensions(world)
    return world


def rows(world) -> dict[str, object]:
    """The main round's internships with both outcomes, by the intern's address (placeholders
    without the round's slug)."""
    internships = list(
        Internship.objects.filter(participation__round=world.main_round).select_related(
            "intern", "participation__round__rules"
        )
    )
    prefix = f"{world.main_round.slug}-"
    return {
        r.internship.intern.email.split("@")[0].removeprefix(prefix): r
        for r in phase_rows(internships, now=NOW)
    }


def payments_of(world) -> list[Payment]:
    return list(Payment.objects.filter(internship__participation__round=world.main_round))


def assert_payments_waiting_approved_and_exported(world) -> None:
    payments = payments_of(world)
    states = {(p.status, p.export_id is not None) for p in payments}
    assert (Payment.Status.WAITING, False) in states
    assert (Payment.Status.APPROVED, True) in states
    assert (Payment.Status.APPROVED, False) in states
    for export in PaymentExport.objects.filter(round=world.main_round):
        assert export.payments.count() == export.count
        assert all(p.approved_at <= export.at for p in export.payments.all())


def test_in_the_coding_phase_meetings_show_logged_and_missing_and_start_payments_each_state():
    world = demo_in(Phase.CODING)

    by_intern = rows(world)
    assert {r.midterm.state for r in by_intern.values()} == {State.UPCOMING}
    ines = by_intern["intern"].internship
    weeks_over = ines.weeks_ended_by(NOW)
    assert weeks_over >= 2
    assert set(ines.meetings.values_list("week", flat=True)) == set(range(1, weeks_over))
    sparse = by_intern["rust-vmm-intern-1"].internship
    assert sparse.meetings.count() < weeks_over
    assert {p.milestone for p in payments_of(world)} == {"start"}
    assert_payments_waiting_approved_and_exported(world)


def test_the_extension_is_the_services_record_while_the_rules_allow_it():
    world = demo_in(Phase.CODING)

    fatima = rows(world)["applicant-02"].internship
    event = InternshipEvent.objects.get(kind=InternshipEvent.Kind.EXTENSION)
    assert event.internship == fatima
    assert event.by == world.accounts["program_admin"]
    assert event.at < NOW
    assert event.details["weeks"] == 2
    round_ = world.main_round
    assert fatima.midterm_opens == round_.midterm_open + timedelta(weeks=2)
    assert fatima.final_closes == round_.final_close + timedelta(weeks=2)
    assert fatima.starts_at == round_.coding_start


def test_in_the_midterm_phase_evaluations_are_in_and_missing_and_one_internship_failed():
    world = demo_in(Phase.MIDTERM)

    by_intern = rows(world)
    ines, ana = by_intern["intern"].midterm, by_intern["applicant"].midterm
    assert (ines.state, ines.missing, ines.mentor is not None) == (
        State.AWAITING,
        ("intern",),
        True,
    )
    assert (ana.state, ana.missing, ana.intern is not None) == (State.AWAITING, ("mentor",), True)
    assert by_intern["applicant-01"].midterm.mentor.in_place_of_mentor
    assert by_intern["applicant-02"].midterm.state == State.UPCOMING  # extended
    failed = by_intern["libvirt-intern-2"]
    # The mentors failed it; it ends when the window closes, when the intern reads it.
    assert (failed.internship.status, failed.midterm.state) == (Status.ACTIVE, State.FAILED)
    assert by_intern["libvirt-applicant"].midterm.state == State.PASSED
    assert_payments_waiting_approved_and_exported(world)


def test_in_the_final_phase_the_midterm_is_settled_and_the_final_is_in_and_missing():
    world = demo_in(Phase.FINAL)

    by_intern = rows(world)
    failed = by_intern["libvirt-intern-2"]
    assert failed.internship.status == Status.FAILED
    assert (failed.midterm.state, failed.final.state) == (State.FAILED, State.NOT_ASKED)
    assert failed.internship.events.get(to_status=Status.FAILED).by is None
    assert by_intern["intern"].final.missing == ("intern",)
    assert by_intern["applicant"].final.missing == ("mentor",)
    assert by_intern["libvirt-applicant"].final.state == State.PASSED
    held = by_intern["ganeti-intern-1"]
    assert held.midterm.state == State.HELD
    payment = held.internship.payments.get(milestone="midterm")
    assert payment.status == Payment.Status.HELD
    assert "intern's evaluation never came" in payment.reason
    locked = by_intern["rust-vmm-intern-1"].midterm
    assert locked.locked and locked.state == State.PASSED
    extended = by_intern["applicant-02"]
    assert extended.final.state == State.UPCOMING
    assert extended.internship.status == Status.MIDTERM_PASSED
    assert not Internship.objects.filter(
        participation__round=world.main_round, payments__milestone="midterm", status="failed"
    ).exists()
    assert_payments_waiting_approved_and_exported(world)


def test_when_finished_every_internship_but_the_failed_one_completed_with_a_certificate():
    world = demo_in(Phase.FINISHED)

    internships = Internship.objects.filter(participation__round=world.main_round)
    statuses = list(internships.values_list("status", flat=True))
    assert statuses.count(Status.FAILED) == 1
    assert statuses.count(Status.COMPLETED) == len(statuses) - 1
    completed = internships.filter(status=Status.COMPLETED)
    assert Certificate.objects.filter(internship__in=completed).count() == completed.count()
    assert not Certificate.objects.filter(internship__status=Status.FAILED).exists()
    ines = world.accounts["intern"].internships.get(participation__round=world.main_round)
    assert ines.listed_as_alumni
    work = Evaluation.objects.get(internship=ines, phase="final", side="intern").work_url
    assert work.startswith("https://")
    assert_payments_waiting_approved_and_exported(world)


def test_the_past_internships_are_locked_as_passed_with_work_links_and_certificates():
    world = demo_in(Phase.APPLICATIONS)

    past = list(
        Internship.objects.filter(participation__round__in=world.past_rounds).select_related(
            "participation__round__rules"
        )
    )
    for row in phase_rows(past, now=NOW):
        assert (row.midterm.state, row.final.state) == (State.PASSED, State.PASSED)
        assert row.final.locked and row.final.intern.work_url
    assert Certificate.objects.filter(internship__in=past).count() == len(past)
    assert Decision.objects.filter(internship__in=past, phase=EvaluationPhase.FINAL).count() == 40
    assert 0 < sum(i.listed_as_alumni for i in past) < len(past)


@pytest.mark.parametrize("phase", [Phase.CODING, Phase.MIDTERM, Phase.FINAL, Phase.FINISHED])
def test_the_demo_people_open_the_intern_accounts_internship(client, phase):
    world = demo_in(phase)
    ines = world.accounts["intern"].internships.get(participation__round=world.main_round)
    url = reverse("evaluations:internship", args=[world.main_round.slug, ines.pk])

    for key in ("intern", "mentor", "org_admin", "program_admin"):
        client.force_login(world.accounts[key])
        with time_machine.travel(NOW, tick=False):
            response = client.get(url)
        assert response.status_code == 200, key
