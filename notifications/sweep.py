"""The sweep: ask every registered reminder what is due now, create what is new, send it.

Beat runs it every five minutes (`notifications.tasks.sweep`); `manage.py reminders_sweep`
runs it once or, with --dry-run, only says what it would enqueue (`notifications.due.plan`).
Running it twice, or on two workers at once, creates each message once: the outbox's unique
constraint decides (notifications.creation). Its cost does not grow per message beyond the
rendering: a few queries for the whole sweep, one INSERT per 500 rows, and one broker publish
per batch of NOTIFICATIONS_BATCH_SIZE messages.
"""

from datetime import datetime

from notifications.due import due_messages_create
from notifications.models import Message
from notifications.outbox import schedule_delivery


def sweep_once(now: datetime) -> list[Message]:
    """Create every new due message and schedule its delivery after commit; the created."""
    created = due_messages_create(now)
    schedule_delivery([message.pk for message in created])
    return created
