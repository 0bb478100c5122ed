"""The weekly meeting log: one row per week of an internship that has a meeting logged."""

from django.conf import settings
from django.db import models

from evaluations.models.internship import Internship


class WeeklyMeeting(models.Model):
    """What happened at the week's meeting, written by the intern or a mentor and confirmed
    by the other side. A week without a row is a week "with no meeting logged": nothing is
    stored for it, the pages and the reminder work it out from the internship's dates."""

    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="meetings")
    week = models.PositiveSmallIntegerField()
    held_at = models.DateTimeField()
    attendees = models.CharField(max_length=500, blank=True)
    progress = models.TextField(max_length=5000)
    blockers = models.TextField(max_length=5000, blank=True)
    next_steps = models.TextField(max_length=5000, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["internship", "week"]
        constraints = [
            models.UniqueConstraint(fields=["internship", "week"], name="meeting_once_per_week"),
            models.CheckConstraint(condition=models.Q(week__gte=1), name="meeting_week_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.internship}, week {self.week}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
