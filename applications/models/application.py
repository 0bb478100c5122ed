"""An applicant's application to a round: eligibility answers and a program admin's verdict."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q

from programs.models import Round

# A week has 168 hours; anything above is a typing error, not an answer.
HOURS_IN_A_WEEK = 168


class ApplicationQuerySet(models.QuerySet):
    def for_applicant(self, user):
        return self.filter(applicant=user)

    def eligible(self):
        return self.filter(ineligible_reason="")

    def ineligible(self):
        return self.exclude(ineligible_reason="")


class Application(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    hours_per_week = models.PositiveSmallIntegerField(
        "hours a week free during the coding period",
        validators=[MaxValueValidator(HOURS_IN_A_WEEK)],
    )
    # Null: the round's rules do not ask (RuleSet.students_only is off).
    is_student = models.BooleanField("enrolled as a student", null=True, blank=True)
    # ISO 3166-1 alpha-2; blank unless the program pays through it
    # (RuleSet.asks_country_for_payments).
    country = models.CharField("country of residence", max_length=2, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # A program admin's verdict: eligible while the reason is empty. The applicant sees it.
    ineligible_reason = models.TextField(blank=True)
    marked_ineligible_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_ineligible_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["round", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "round"],
                name="application_once_per_round",
                violation_error_message="You already have an application to this round.",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__lte=HOURS_IN_A_WEEK),
                name="application_hours_within_a_week",
                violation_error_message="A week has 168 hours.",
            ),
            # The verdict comes whole: a reason with its moment, or neither. (Who may be
            # null later: the admin's account can be deleted, the verdict stays.)
            models.CheckConstraint(
                condition=Q(ineligible_reason="", marked_ineligible_at__isnull=True)
                | (~Q(ineligible_reason="") & Q(marked_ineligible_at__isnull=False)),
                name="application_ineligible_with_reason_and_moment",
                violation_error_message="Marking an applicant ineligible needs a reason.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} in {self.round}"

    @property
    def is_eligible(self) -> bool:
        return not self.ineligible_reason


class Commitment(models.Model):
    """Something else the applicant does during the round (exams, a job), with its dates."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="commitments"
    )
    what = models.CharField(max_length=200)
    starts_on = models.DateField("from")
    ends_on = models.DateField("until")

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")),
                name="commitment_ends_after_it_starts",
                violation_error_message="A commitment ends on or after the day it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.what} ({self.starts_on} to {self.ends_on})"
