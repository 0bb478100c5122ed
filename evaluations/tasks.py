"""Celery tasks of evaluations: a few lines each, calling a service.

The top of the app (the task rule in the README): the work lives in evaluations.services,
which starts no task.

Beat runs `internships_announce` every five minutes (settings.py), like the reminder sweep:
at the first tick from a round's results time on, its selected proposals become internships.
`internships_settle` runs as often: each phase settled since moves its internship's status,
authorizes its payment and, at the end, issues its certificate.
"""

from celery import shared_task
from django.utils import timezone

from evaluations.services import settling
from evaluations.services.announcement import internships_for_announced_rounds


@shared_task
def internships_announce() -> int:
    """Make the internships of the rounds whose results time has come; how many were new."""
    return len(internships_for_announced_rounds(timezone.now()))


@shared_task
def internships_settle() -> int:
    """Settle the phases due now (status, payments, certificates); how many moves were made."""
    return len(settling.sweep(timezone.now()))
