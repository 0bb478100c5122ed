"""The internship: who works with whom, in which round, over which dates, and how it stands.

Its windows (start, end, midterm and final evaluation windows) are its own copy of the round's
dates, taken when the internship is made, so an extension (illness, exams) moves one
internship and nothing else; the round's dates never change an internship afterwards. Its
status changes only through `evaluations.services.internships`, which records each change as
an `InternshipEvent` (who, when, why).
"""

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from applications.models import Proposal
from programs.models import Participation, Round
from projects.models import ProjectIdea

WEEK = timedelta(days=7)

# Internship window field -> the round's date it is taken from. Coding runs from the round's
# coding start until its final evaluations open (the final week is for evaluating).
WINDOWS_FROM_ROUND: dict[str, str] = {
    "starts_at": "coding_start",
    "ends_at": "final_open",
    "midterm_opens": "midterm_open",
    "midterm_closes": "midterm_close",
    "final_opens": "final_open",
    "final_closes": "final_close",
}


def windows_from(round_: Round) -> dict[str, datetime]:
    """An internship's windows as its round sets them: for bulk inserts, which skip `save()`."""
    return {mine: getattr(round_, theirs) for mine, theirs in WINDOWS_FROM_ROUND.items()}


class InternshipQuerySet(models.QuerySet):
    def running(self):
        """Not over: active, or through the midterm and not yet completed."""
        return self.filter(status__in=Internship.RUNNING)

    def of_person(self, user):
        """Where the person is the intern or one of the mentors: one subquery of the union of
        both, which each index answers (`intern = x OR pk IN (...)` made PostgreSQL read every
        internship and join every user to them: 21 ms at 7,000 internships, growing)."""
        theirs = Internship.objects.filter(intern=user).values("pk").order_by()
        mentored = Internship.mentors.through.objects.filter(user=user).values("internship_id")
        return self.filter(pk__in=theirs.union(mentored.order_by()))


class Internship(models.Model):
    """An accepted applicant working with an organization in a round.

    Made at the round's results time from each selected proposal (`proposal`, its `idea` and
    the mentors committed to it); internships of past rounds may have no proposal. Weekly
    meetings, evaluations and extensions build on this table.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", "In progress"
        MIDTERM_PASSED = "midterm_passed", "Passed the midterm"
        FAILED = "failed", "Failed"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # Statuses of an internship still under way (meetings due, evaluations ahead).
    RUNNING = (Status.ACTIVE, Status.MIDTERM_PASSED)
    # The moves services may make; anything else is refused (a failed or withdrawn internship
    # stays so: reopening one is a program admin's job in the Django admin, recorded there).
    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.ACTIVE: frozenset({Status.MIDTERM_PASSED, Status.FAILED, Status.WITHDRAWN}),
        Status.MIDTERM_PASSED: frozenset({Status.COMPLETED, Status.FAILED, Status.WITHDRAWN}),
        Status.FAILED: frozenset(),
        Status.COMPLETED: frozenset(),
        Status.WITHDRAWN: frozenset(),
    }

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
    status = models.CharField(max_length=20, choices=Status, default=Status.ACTIVE)
    # The internship's own dates: from the round when made (see `save`), moved only by an
    # extension afterwards.
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    midterm_opens = models.DateTimeField()
    midterm_closes = models.DateTimeField()
    final_opens = models.DateTimeField()
    final_closes = models.DateTimeField()
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # The intern chose to be listed on the organization's and the program's alumni pages
    # (never shown for a withdrawn or failed internship, whatever this says).
    listed_as_alumni = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InternshipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "intern"], name="internship_once_per_participation"
            ),
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at"))
                & Q(midterm_opens__lte=models.F("midterm_closes"))
                & Q(final_opens__lte=models.F("final_closes")),
                name="internship_windows_in_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "ends_at"], name="internship_status_ends")]

    def __str__(self) -> str:
        return f"{self.intern} at {self.participation}"

    def save(self, *args, **kwargs) -> None:
        # Creators (the announcement, the demo, tests) name the participation and the people;
        # the windows they leave out come from the round, so an internship always has dates.
        missing = [name for name in WINDOWS_FROM_ROUND if getattr(self, name) is None]
        if missing:
            round_ = self.participation.round
            for name in missing:
                setattr(self, name, getattr(round_, WINDOWS_FROM_ROUND[name]))
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *missing}
        super().save(*args, **kwargs)

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def weeks(self) -> int:
        """How many weeks of meetings: the last one may be short."""
        return max(1, math.ceil((self.ends_at - self.starts_at) / WEEK))

    def week_bounds(self, week: int) -> tuple[datetime, datetime]:
        """Week `week` (from 1) runs [start, end): seven days from the start, the last cut at
        the internship's end."""
        start = self.starts_at + (week - 1) * WEEK
        return start, min(start + WEEK, self.ends_at)

    def weeks_ended_by(self, now: datetime) -> int:
        """How many weeks are over at `now`."""
        if now < self.starts_at:
            return 0
        if now >= self.ends_at:
            return self.weeks
        return int((now - self.starts_at) / WEEK)


class InternshipEvent(models.Model):
    """One change to an internship, as it happened: its status moved, its dates extended.
    Never edited; the internship's page lists them, program admins audit them."""

    class Kind(models.TextChoices):
        STATUS = "status", "Status changed"
        EXTENSION = "extension", "Dates extended"

    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.STATUS)
    from_status = models.CharField(max_length=20, choices=Internship.Status, blank=True)
    to_status = models.CharField(max_length=20, choices=Internship.Status, blank=True)
    # Nobody for a change the site made itself (a sweep closing internships at the end).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField()
    reason = models.TextField(max_length=2000, blank=True)
    # What else the change carries: an extension's dates before and after, its length.
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["internship", "at"], name="internship_event_at")]

    def __str__(self) -> str:
        return f"{self.internship}: {self.from_status} -> {self.to_status}"
