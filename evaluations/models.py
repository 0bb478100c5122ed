from django.conf import settings
from django.db import models

from programs.models import Participation


class Internship(models.Model):
    """An accepted applicant working with an organization in a round.

    The foundation needs only who, where and how it ended (for statistics); weekly meetings,
    evaluations and extensions build on this table later.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", "In progress"
        PASSED = "passed", "Completed"
        FAILED = "failed", "Failed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    participation = models.ForeignKey(
        Participation, on_delete=models.PROTECT, related_name="internships"
    )
    intern = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="internships"
    )
    project_title = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "intern"], name="internship_once_per_participation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intern} at {self.participation}"
