"""`manage.py reminders_sweep`: --dry-run lists what is due and changes nothing; without it,
the sweep runs once."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from notifications.models import Message
from tests.notifications.world import as_of, everything_due

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    with as_of():
        call_command("reminders_sweep", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_lists_what_is_due_and_creates_and_sends_nothing(draft):
    everything_due(draft)
    output = run("--dry-run")
    assert "new      org_application_deadline   olga@example.org" in output
    assert "new      round_deadline             fay@example.org" in output
    assert "5 due at 2027-02-12T18:00:00+00:00: 5 would be enqueued" in output
    assert "dry run: nothing was created or sent" in output
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_a_dry_run_says_which_are_queued_already(draft):
    everything_due(draft)
    run()
    output = run("--dry-run")
    assert "queued   org_application_deadline" in output
    assert ": 0 would be enqueued" in output


def test_without_dry_run_it_enqueues_once(draft, django_capture_on_commit_callbacks):
    everything_due(draft)
    with django_capture_on_commit_callbacks(execute=True):
        assert "Enqueued 5 new messages" in run()
        assert "Enqueued 0 new messages" in run()
    assert len(mail.outbox) == 5
