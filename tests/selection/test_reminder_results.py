"""The results email: at the round's results time (the sweep, never before) every applicant
with a submitted proposal gets one email, accepted or not this time with a kind word and
their dashboard's link, exactly once however many sweeps; an applicant with a draft only gets
none; and a sweep never reads rounds announced more than a week ago."""

from datetime import timedelta

import pytest
from django.core import mail

from notifications.models import Message
from notifications.sweep import sweep_once
from programs.models import Participation
from selection.models import Conflict
from selection.reminders import RESULTS_WINDOW, results_announced
from selection.services.choosing import candidacy_select
from tests.factories import MentorCommitmentFactory, ProjectIdeaFactory
from tests.projects.reminders_world import person
from tests.selection.results_world import JUST_BEFORE, RESULTS, at, build_world, submitted

pytestmark = pytest.mark.django_db

ACCEPTED = "results_accepted"
NOT_SELECTED = "results_not_selected"


@pytest.fixture
def world(program):
    return build_world(program)


def results_messages(moment) -> list[Message]:
    """The results emails one sweep at `moment` creates (the other apps' left out)."""
    with at(moment):
        return [m for m in sweep_once(moment) if m.kind in (ACCEPTED, NOT_SELECTED)]


def sent(moment, kind: str) -> list[Message]:
    return [m for m in results_messages(moment) if m.kind == kind]


def test_one_second_before_the_results_time_no_results_email_is_due(world):
    with at(JUST_BEFORE):
        assert list(results_announced(JUST_BEFORE)) == []
    assert results_messages(JUST_BEFORE) == []
    assert not Message.objects.filter(kind__in=[ACCEPTED, NOT_SELECTED]).exists()


def test_at_the_instant_each_applicant_with_a_submitted_proposal_gets_one_email(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = results_messages(RESULTS)

    (to_ana,) = [m for m in created if m.kind == ACCEPTED]
    (to_bruno,) = [m for m in created if m.kind == NOT_SELECTED]
    assert to_ana.recipient == world.ana
    assert to_bruno.recipient == world.bruno
    assert to_ana.due_at == to_bruno.due_at == RESULTS
    assert sorted(email.to[0] for email in mail.outbox) == ["ana@example.org", "bruno@example.org"]


def test_the_accepted_email_congratulates_with_the_coding_start_in_the_applicants_zone(world):
    (message,) = sent(RESULTS, ACCEPTED)

    assert message.subject.endswith("Accepted: your proposal to GSoC 2027")
    assert "congratulations: you are accepted" in message.text
    assert "- Backups that resume (to Disk backup tool, QEMU): accepted" in message.text
    # Coding starts on Mon 17 May 2027, 18:00 UTC: 23:30 in Kolkata.
    assert "Mon 17 May 2027, 23:30 IST (Asia/Kolkata)" in message.text
    assert "/rounds/gsoc-2027-qemu/application/" in message.text


def test_the_email_to_an_applicant_not_selected_has_a_kind_word(world):
    (message,) = sent(RESULTS, NOT_SELECTED)

    assert message.subject.endswith("The results of GSoC 2027")
    assert "your proposal was not selected this time" in message.text
    assert "- Backups in Rust (to Disk backup tool, QEMU)" in message.text
    assert "Thank you for the time and care you put in" in message.text
    assert "/rounds/gsoc-2027-qemu/application/" in message.text


def test_an_applicant_with_several_proposals_gets_one_email_with_each_result(world):
    other = ProjectIdeaFactory(participation=world.qemu, title="Tracing", slug="tracing")
    submitted(world.ana, other, "Faster tracing")

    created = results_messages(RESULTS)

    (message,) = [m for m in created if m.recipient == world.ana]
    assert message.kind == ACCEPTED
    assert "- Backups that resume (to Disk backup tool, QEMU): accepted" in message.text
    assert "- Faster tracing (to Tracing, QEMU): not selected this time" in message.text


def test_the_results_email_is_sent_once_across_two_sweeps(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = results_messages(RESULTS)
        second = results_messages(RESULTS + timedelta(minutes=5))

    assert len(first) == 2
    assert second == []
    assert Message.objects.filter(kind__in=[ACCEPTED, NOT_SELECTED]).count() == 2
    assert len(mail.outbox) == 2


def test_a_sweep_that_first_runs_late_still_sends_it_within_the_window(world):
    late = RESULTS + RESULTS_WINDOW - timedelta(minutes=1)
    assert len(results_messages(late)) == 2


def test_a_round_announced_more_than_a_week_ago_is_never_read_again(world):
    assert results_messages(RESULTS + RESULTS_WINDOW) == []


def test_nothing_is_sent_about_drafts_or_withdrawn_proposals(world):
    dues = list(results_announced(RESULTS))
    assert world.chen not in {due.recipient for due in dues}


def test_a_program_admins_change_within_the_window_is_told_once_by_the_other_kind(world):
    paula = person("paula@example.org", is_program_admin=True)
    results_messages(RESULTS)
    later = RESULTS + timedelta(days=1)
    MentorCommitmentFactory(proposal=world.bruno_proposal, mentor=world.mira)
    Participation.objects.filter(pk=world.qemu.pk).update(interns_per_idea=2)
    candidacy_select(
        candidacy=world.bruno_candidacy, by=paula, reason="A second slot was funded.", now=later
    )

    (told,) = results_messages(later)
    assert told.recipient == world.bruno and told.kind == ACCEPTED
    assert results_messages(later + timedelta(minutes=5)) == []


def test_an_applicant_in_an_open_conflict_is_told_once_it_is_resolved(world):
    conflict = Conflict.objects.create(
        round=world.qemu.round, applicant=world.ana, opened_at=RESULTS - timedelta(days=1)
    )
    assert world.ana not in {message.recipient for message in results_messages(RESULTS)}

    Conflict.objects.filter(pk=conflict.pk).update(resolved_at=RESULTS + timedelta(hours=2))

    (told,) = results_messages(RESULTS + timedelta(hours=3))
    assert told.recipient == world.ana and told.kind == ACCEPTED
