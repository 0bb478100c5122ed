"""Midterm and final evaluations, both ways, and a program admin's decision on a phase.

An evaluation is one side's word on one phase of one internship: the mentors' (one result
per phase, whichever co-mentor submits it, or an org admin in place of a mentor who
disappeared) or the intern's (on the mentors and the organization; at the final, with the
link to the work done). Submitted once, never edited: the table has no "updated" column and
the services never write a row twice.

What a phase comes to (passed, failed, held, ...) is not stored: `evaluations.services.outcome`
computes it from these rows, the round's rules and the clock, unless a program admin locked
it with a `Decision`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from evaluations.models.internship import Internship


class EvaluationPhase(models.TextChoices):
    MIDTERM = "midterm", "Midterm"
    FINAL = "final", "Final"


class Evaluation(models.Model):
    class Side(models.TextChoices):
        MENTOR = "mentor", "The mentors' evaluation of the intern"
        INTERN = "intern", "The intern's evaluation of the mentors and the organization"

    class Result(models.TextChoices):
        PASS = "pass", "Pass"
        FAIL = "fail", "Fail"

    class Action(models.TextChoices):
        """What the mentors' evaluation asks for next. A pass pays (or asks a program admin
        for an extension); a fail ends the internship. The other pairs contradict each
        other and the database refuses them."""

        PAY = "pay", "Pay the stipend's next part"
        EXTEND = "extend", "Extend the internship"
        END = "end", "End the internship"

    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="evaluations")
    phase = models.CharField(max_length=10, choices=EvaluationPhase)
    side = models.CharField(max_length=10, choices=Side)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # An org admin submitted the mentors' evaluation because no mentor could: shown on every
    # page that shows the result, and on the dashboards.
    in_place_of_mentor = models.BooleanField(default=False)
    submitted_at = models.DateTimeField()

    # The mentors' side: the result, the action and the answers behind them.
    result = models.CharField(max_length=4, choices=Result, blank=True)
    action = models.CharField(max_length=6, choices=Action, blank=True)
    extend_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    progress = models.TextField("progress against the schedule", max_length=5000, blank=True)
    communication = models.TextField(max_length=5000, blank=True)
    code = models.TextField("code and contributions", max_length=5000, blank=True)

    # The intern's side: the mentors and the organization, and at the final, the work.
    about_mentors = models.TextField(max_length=5000, blank=True)
    about_organization = models.TextField(max_length=5000, blank=True)
    work_url = models.URLField("link to the work done", max_length=500, blank=True)

    class Meta:
        ordering = ["internship", "phase", "side"]
        constraints = [
            # One mentor result per internship per phase, however many co-mentors press
            # "submit" at the same instant; one intern evaluation likewise.
            models.UniqueConstraint(
                fields=["internship", "phase", "side"], name="evaluation_once_per_phase_side"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        side="mentor",
                        result__in=["pass", "fail"],
                        action__in=["pay", "extend", "end"],
                    )
                    | Q(side="intern", result="", action="", in_place_of_mentor=False)
                ),
                name="evaluation_result_is_the_mentors",
            ),
            models.CheckConstraint(
                condition=~Q(result="fail", action__in=["pay", "extend"])
                & ~Q(result="pass", action="end"),
                name="evaluation_action_agrees_with_result",
                violation_error_message="A fail ends the internship; a pass pays or extends it.",
            ),
            models.CheckConstraint(
                condition=Q(action="extend", extend_weeks__gte=1) | ~Q(action="extend"),
                name="evaluation_extension_has_weeks",
            ),
        ]
        indexes = [
            models.Index(fields=["phase", "side", "submitted_at"], name="evaluation_phase_side")
        ]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} {self.side} evaluation of {self.internship}"

    @property
    def passed(self) -> bool:
        return self.result == self.Result.PASS


class Decision(models.Model):
    """A program admin's word on a phase's outcome, with the reason: it locks the outcome,
    so nothing the clock or a late evaluation does changes it. Also how a round whose rule
    is "a program admin decides" gets its decision."""

    class Outcome(models.TextChoices):
        PASSED = "passed", "Passed"
        HELD = "held", "Passed, payment held"
        FAILED = "failed", "Failed"

    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="decisions")
    phase = models.CharField(max_length=10, choices=EvaluationPhase)
    outcome = models.CharField(max_length=10, choices=Outcome)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.TextField(max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["internship", "phase"], name="decision_once_per_phase"),
            models.CheckConstraint(condition=~Q(reason=""), name="decision_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} of {self.internship}: {self.get_outcome_display()}"
