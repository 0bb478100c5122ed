"""Program rules: what changes from year to year is data a program admin edits, not code."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class MissingEvaluation(models.TextChoices):
    FAILS = "fails", "The internship fails"
    HOLDS_PAYMENT = "holds_payment", "The next stipend payment is held"
    ADMIN_DECIDES = "admin_decides", "A program admin decides"


class StipendMilestone(models.TextChoices):
    """When a share of an intern's stipend is paid (not a date of the round's timeline: those
    are programs.timeline.Milestone)."""

    START = "start", "Start of coding"
    MIDTERM = "midterm", "Passed midterm evaluation"
    FINAL = "final", "Passed final evaluation"


def default_stipend_split() -> list[dict]:
    return [
        {"milestone": "start", "percent": 10},
        {"milestone": "midterm", "percent": 45},
        {"milestone": "final", "percent": 45},
    ]


def validate_stipend_split(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError("List at least one milestone with its percentage.")
    seen = set()
    for part in value:
        if not isinstance(part, dict) or set(part) != {"milestone", "percent"}:
            raise ValidationError('Each part is {"milestone": ..., "percent": ...}.')
        if part["milestone"] not in StipendMilestone.values:
            raise ValidationError(
                f"Unknown milestone {part['milestone']!r}; use one of "
                f"{', '.join(StipendMilestone.values)}."
            )
        if part["milestone"] in seen:
            label = StipendMilestone(part["milestone"]).label
            raise ValidationError(f"“{label}” is listed twice: each milestone is paid once.")
        seen.add(part["milestone"])
        if not isinstance(part["percent"], int) or part["percent"] < 0:
            raise ValidationError("Each percentage is a whole number, zero or more.")
    total = sum(part["percent"] for part in value)
    if total != 100:
        raise ValidationError(f"The stipend parts add up to {total}%, not 100%.")


class RuleSet(models.Model):
    """The rules a round runs under. A program holds its current defaults; each round gets
    its own copy when it is opened, so changing next year's rules never rewrites history."""

    max_proposals_per_applicant = models.PositiveSmallIntegerField(
        default=3, help_text="Proposals one applicant may submit; withdrawn ones do not count."
    )
    max_accepted_per_applicant = models.PositiveSmallIntegerField(
        default=1, help_text="Proposals of one applicant that may be accepted."
    )
    max_interns_per_mentor = models.PositiveSmallIntegerField(
        default=2, help_text="Internships one mentor may lead at once."
    )
    mentor_midterm_required = models.BooleanField(default=True)
    mentor_final_required = models.BooleanField(default=True)
    intern_midterm_required = models.BooleanField(default=True)
    intern_final_required = models.BooleanField(default=True)
    missing_mentor_evaluation = models.CharField(
        max_length=20,
        choices=MissingEvaluation,
        default=MissingEvaluation.FAILS,
        help_text="What a required mentor evaluation that never came means.",
    )
    missing_intern_evaluation = models.CharField(
        max_length=20,
        choices=MissingEvaluation,
        default=MissingEvaluation.HOLDS_PAYMENT,
        help_text="What a required intern evaluation that never came means.",
    )
    extension_max_weeks = models.PositiveSmallIntegerField(
        default=6, help_text="The longest extension a program admin may grant one internship."
    )
    extension_cutoff_days = models.PositiveSmallIntegerField(
        default=7,
        help_text="An extension may be set until this many days before the final "
        "evaluation deadline.",
    )
    stipend_split = models.JSONField(
        default=default_stipend_split,
        validators=[validate_stipend_split],
        help_text='How the stipend is paid, e.g. [{"milestone": "midterm", "percent": 50}, ...].',
    )
    students_only = models.BooleanField(
        default=False, help_text="Applicants must be enrolled students."
    )
    # Some programs pay stipends through a partner that needs the country; others never ask.
    asks_country_for_payments = models.BooleanField(
        default=False,
        help_text="Applicants say which country they live in (needed to pay the stipend).",
    )
    # Google Summer of Code sizes projects in hours (90, 175, 350) and lets their length
    # follow; a program that does so says how many hours make a week of an intern's work.
    schedule_hours_per_week = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Where set, a proposal's schedule has as many weeks as its idea's expected "
        "hours take at this many hours a week (175 hours at 15 make 12 weeks); empty: every "
        "schedule has the weeks of the coding period.",
    )

    # Organizations rank and select before the results: their ranking is due this many days
    # before the round's results time (the reminders to score and to select count from it).
    ranking_due_days = models.PositiveSmallIntegerField(
        default=7,
        validators=[MaxValueValidator(60)],
        help_text="Organizations' rankings and selections are due this many days before the "
        "results are announced.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    max_accepted_per_applicant__lte=models.F("max_proposals_per_applicant")
                ),
                name="rules_accepted_not_above_proposals",
                violation_error_message="An applicant cannot have more proposals accepted "
                "than they may submit.",
            ),
        ]

    def __str__(self) -> str:
        return f"Rules #{self.pk}"

    def copy(self) -> "RuleSet":
        clone = RuleSet.objects.get(pk=self.pk)
        clone.pk = None
        clone.save()
        return clone
