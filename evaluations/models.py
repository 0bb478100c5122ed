from django.conf import settings
from django.db import models

from applications.models import Proposal
from programs.models import Participation
from projects.models import ProjectIdea


class Internship(models.Model):
    """An accepted applicant working with an organization in a round.

    Made at the round's results time from each selected proposal (`proposal`, its `idea` and
    the mentors committed to it); internships of past rounds may have no proposal. Weekly
    meetings, evaluations and extensions build on this table.
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
    proposal = models.OneToOneField(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="internship"
    )
    idea = models.ForeignKey(
        ProjectIdea, null=True, blank=True, on_delete=models.PROTECT, related_name="internships"
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentored_internships"
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
