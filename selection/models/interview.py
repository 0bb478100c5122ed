"""Interview slots a mentor publishes, invitations to flagged applicants, and bookings.

The no-overlap rules are the database's: a slot booked once (a partial unique index, on every
database); a mentor, and an applicant, never in two overlapping booked interviews (PostgreSQL
exclusion constraints, added by migration 0002 on PostgreSQL only; on SQLite the booking
service checks inside its transaction, and SQLite's one writer at a time makes that check
hold). So `Interview` repeats its slot's mentor and times, and its invitation's applicant: an
exclusion constraint can only compare columns of one table.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from programs.models import Participation
from selection.models.decision import Candidacy

DEFAULT_LENGTH = timedelta(hours=1)


class InterviewSlot(models.Model):
    """A time a mentor offers for an interview: start, end (an hour by default) and where
    (a call link or a chat channel)."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="interview_slots"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_slots"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    where = models.CharField(
        max_length=300, help_text="A call link or a chat channel, as the applicant will see it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A slot whose booking was cancelled keeps that record (Interview.slot protects it), so
    # the mentor's "delete" withdraws it instead: no longer offered, still the record's.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["mentor", "starts_at"], name="slot_mentor_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="slot_ends_after_it_starts",
                violation_error_message="An interview slot ends after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} at {self.starts_at:%Y-%m-%d %H:%M} UTC"

    @property
    def length_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class InterviewInvitation(models.Model):
    """A mentor's invitation to a flagged applicant to book one of the mentor's free slots."""

    candidacy = models.ForeignKey(
        Candidacy, on_delete=models.CASCADE, related_name="interview_invitations"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_invitations"
    )
    message = models.TextField(blank=True)
    invited_at = models.DateTimeField()

    class Meta:
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidacy", "mentor"],
                name="interview_invitation_once",
                violation_error_message="You already invited this applicant.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} invites {self.candidacy}"


class InterviewQuerySet(models.QuerySet):
    def booked(self):
        return self.filter(status=Interview.Status.BOOKED)


class Interview(models.Model):
    """A booking of a slot by an invited applicant; cancelled rows stay as history. Moving an
    interview cancels the old row and books a new one (`moved_to`), and tells the other side."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"

    class Outcome(models.TextChoices):
        NONE = "", "Not recorded"
        STRONG = "strong", "Strong candidate"
        GOOD = "good", "Good candidate"
        WEAK = "weak", "Weak candidate"
        NO_SHOW = "no_show", "Did not attend"

    slot = models.ForeignKey(InterviewSlot, on_delete=models.PROTECT, related_name="interviews")
    invitation = models.ForeignKey(
        InterviewInvitation, on_delete=models.CASCADE, related_name="interviews"
    )
    # Copies for the exclusion constraints (see the module's docstring).
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews_given"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews_taken"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    status = models.CharField(max_length=10, choices=Status, default=Status.BOOKED)
    booked_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(max_length=300, blank=True)
    moved_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="moved_from"
    )
    # The mentor's record, private to the organization.
    notes = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome, blank=True, default="")

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["applicant", "starts_at"], name="interview_applicant_start"),
            models.Index(fields=["mentor", "starts_at"], name="interview_mentor_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status="booked"),
                name="interview_slot_booked_once",
                violation_error_message="Someone has just booked this slot; choose another.",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="interview_ends_after_it_starts",
                violation_error_message="An interview ends after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(status="booked", cancelled_at__isnull=True)
                | Q(status="cancelled", cancelled_at__isnull=False),
                name="interview_cancelled_with_its_moment",
                violation_error_message="A cancelled interview records when.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} with {self.mentor} at {self.starts_at:%Y-%m-%d %H:%M} UTC"
