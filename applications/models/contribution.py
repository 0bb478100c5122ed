"""An applicant's contributions to an organization taking part, and the gate they count for."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from programs.fields import HttpsURLField
from programs.models import Participation


def accepted_by(day) -> Q:
    """Accepted upstream on or before `day` (a date, or an expression giving one): with a
    mentor's confirmation, what counts for a gate whose deadline falls on `day` (UTC)."""
    return Q(state=Contribution.State.ACCEPTED, accepted_at__lte=day)


def counts_toward_gate(day) -> Q:
    """The gate's rule, stated once: accepted upstream by `day` and confirmed by a mentor."""
    return accepted_by(day) & Q(verdict=Contribution.Verdict.CONFIRMED)


class ContributionQuerySet(models.QuerySet):
    def for_applicant(self, user):
        return self.filter(applicant=user)

    def toward_gate(self, participation: Participation):
        """The contributions that count for `participation`'s gate: accepted upstream on or
        before the gate deadline's date (UTC) and confirmed by a mentor. Empty without a gate.
        Count per applicant with `.values("applicant").annotate(...)` on a list page."""
        if participation.gate_deadline is None:
            return self.none()
        return self.filter(
            counts_toward_gate(participation.gate_deadline.date()), participation=participation
        )

    def count_toward_gate(self, *, applicant, participation: Participation) -> int:
        return self.filter(applicant=applicant).toward_gate(participation).count()


class Contribution(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted upstream"

    class Verdict(models.TextChoices):
        UNREVIEWED = "unreviewed", "Not reviewed yet"
        CONFIRMED = "confirmed", "Confirmed by a mentor"
        REJECTED = "rejected", "Rejected by a mentor"

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributions"
    )
    participation = models.ForeignKey(
        Participation, on_delete=models.PROTECT, related_name="contributions"
    )
    url = HttpsURLField(
        "link", max_length=500, help_text="The patch, pull request or merge request."
    )
    description = models.TextField(help_text="What it does.")
    state = models.CharField(max_length=10, choices=State, default=State.SUBMITTED)
    accepted_at = models.DateField("accepted upstream on", null=True, blank=True)
    verdict = models.CharField(max_length=10, choices=Verdict, default=Verdict.UNREVIEWED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["participation", "applicant"])]
        constraints = [
            # Only http(s) links leave the site (the form checks the same; this keeps a
            # javascript: or data: address out of any path that skips the form).
            models.CheckConstraint(
                condition=Q(url__startswith="https://") | Q(url__startswith="http://"),
                name="contribution_url_is_http",
                violation_error_message="The link must start with https:// or http://.",
            ),
            models.CheckConstraint(
                condition=Q(state="submitted", accepted_at__isnull=True)
                | Q(state="accepted", accepted_at__isnull=False),
                name="contribution_accepted_with_its_date",
                violation_error_message="An accepted contribution needs the date it was "
                "accepted upstream (and only an accepted one has it).",
            ),
            models.CheckConstraint(
                condition=Q(verdict="unreviewed", reviewed_at__isnull=True)
                | (~Q(verdict="unreviewed") & Q(reviewed_at__isnull=False)),
                name="contribution_reviewed_with_its_moment",
                violation_error_message="A mentor's verdict records when it was given.",
            ),
        ]

    def __str__(self) -> str:
        return self.url
