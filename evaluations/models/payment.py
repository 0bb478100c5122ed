"""Stipend payments: one per internship per milestone of its round's stipend split.

A milestone (the start of coding, a passed midterm, a passed final) authorizes its part of
the stipend: `evaluations.services.payments.authorize` makes the row, waiting for a program
admin's approval, or held with the reason (the round's rule on a missing intern evaluation).
Approved payments leave in an export (a CSV for whoever pays), each in exactly one: the
export takes them with their rows locked, so two admins exporting at once never list a
payment twice.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from evaluations.models.internship import Internship
from programs.models import Round
from programs.rules import StipendMilestone


class PaymentExport(models.Model):
    """One CSV of approved payments, as it was taken: who, when, how many."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="payment_exports")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Export of {self.count} payments of {self.round} at {self.at:%Y-%m-%d %H:%M}"


class Payment(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for approval"
        HELD = "held", "Held"
        APPROVED = "approved", "Approved"
        CANCELLED = "cancelled", "Cancelled"

    internship = models.ForeignKey(Internship, on_delete=models.PROTECT, related_name="payments")
    milestone = models.CharField(max_length=10, choices=StipendMilestone)
    # The share of the stipend, copied from the round's split when authorized.
    percent = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status, default=Status.WAITING)
    # Why a held (or cancelled) payment is not paid: shown to the intern and the admins.
    reason = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    export = models.ForeignKey(
        PaymentExport, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )

    class Meta:
        ordering = ["internship", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["internship", "milestone"], name="payment_once_per_milestone"
            ),
            models.CheckConstraint(
                condition=Q(export__isnull=True) | Q(status="approved"),
                name="payment_exported_only_when_approved",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["held", "cancelled"], reason=""),
                name="payment_held_says_why",
            ),
        ]
        indexes = [
            # The export's question: approved, not yet exported, of one round.
            models.Index(
                fields=["status", "internship"],
                condition=Q(export__isnull=True),
                name="payment_not_exported",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_milestone_display()} ({self.percent}%) of {self.internship}"
