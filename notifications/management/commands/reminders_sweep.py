"""Run the reminder sweep once, or with --dry-run say what is due now and change nothing.

    python manage.py reminders_sweep --dry-run
    python manage.py reminders_sweep

Beat runs the same sweep every five minutes; this is for looking, for cron without beat, and
for catching up by hand after an outage. Safe to run at any time, as often as you like: a
message already in the outbox is never created again.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications.due import plan
from notifications.sweep import sweep_once


class Command(BaseCommand):
    help = "Enqueue the reminders due now (every app's reminders.py); --dry-run only lists them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what is due now and what would be enqueued; create and send nothing.",
        )

    def handle(self, *args, dry_run: bool, **options):
        now = timezone.now()
        if not dry_run:
            created = sweep_once(now)
            self.stdout.write(f"Enqueued {len(created)} new messages at {now.isoformat()}.")
            return
        planned = plan(now)
        for item in planned:
            due = item.due
            self.stdout.write(
                f"{item.state:<8} {due.kind:<26} {due.recipient.email:<32} "
                f"{due.about:<40} due {due.due_at.isoformat()}"
            )
        new = sum(1 for item in planned if item.state == "new")
        self.stdout.write(
            f"{len(planned)} due at {now.isoformat()}: {new} would be enqueued "
            "(dry run: nothing was created or sent)."
        )
