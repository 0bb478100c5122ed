"""An applicant's proposals to ideas, with their weekly schedules."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from applications.models.application import Application
from projects.models import ProjectIdea

MAX_LINKS = 20


def validate_links(value) -> None:
    """Links as ideas hold them: [{"label": ..., "url": ...}, ...], only http(s) addresses,
    at most MAX_LINKS rows."""
    if not isinstance(value, list):
        raise ValidationError('Links are a list of {"label": ..., "url": ...}.')
    if len(value) > MAX_LINKS:
        raise ValidationError(f"At most {MAX_LINKS} links.")
    for row in value:
        if not isinstance(row, dict) or set(row) != {"label", "url"}:
            raise ValidationError('Each link is {"label": ..., "url": ...}.')
        if not all(isinstance(row[key], str) for key in row):
            raise ValidationError("A link's label and address are text.")
        if not row["url"].startswith(("https://", "http://")):
            raise ValidationError(f"{row['url']!r}: only https:// or http:// links.")


class ProposalQuerySet(models.QuerySet):
    def for_applicant(self, user):
        return self.filter(applicant=user)

    def drafts(self):
        return self.filter(status=Proposal.Status.DRAFT)

    def submitted(self):
        return self.filter(status=Proposal.Status.SUBMITTED)

    def not_withdrawn(self):
        return self.exclude(status=Proposal.Status.WITHDRAWN)

    def counted_against_cap(self):
        """What the round's `max_proposals_per_applicant` counts: submitted proposals; drafts
        and withdrawn ones do not. Filter by applicant and round (application) on top."""
        return self.submitted()

    def in_round(self, round_):
        return self.filter(application__round=round_)

    def to_organization(self, participation):
        return self.filter(idea__participation=participation)


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # The same person as the application's; kept on the row for the constraint below and
    # for the applicant's reads. The services set both from one user.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposals"
    )
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="proposals")
    idea = models.ForeignKey(ProjectIdea, on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(max_length=200)
    problem = models.TextField("problem description", blank=True)
    outline = models.TextField("implementation outline", blank=True)
    commitments = models.TextField(
        "other commitments during the internship",
        blank=True,
        help_text="Exams, a job, holidays: what else takes your time, and when.",
    )
    links = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_links],
        help_text='[{"label": ..., "url": ...}, ...] in order.',
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The applicant's order among their submitted proposals, 1 first. Only program admins
    # ever see it: no page, JSON or email for mentors or org admins reads this field.
    preference = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # An org admin's exception to the deadline, for this proposal only, until a moment.
    editable_until = models.DateTimeField(null=True, blank=True)
    exception_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    exception_reason = models.TextField(blank=True)
    exception_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "idea"],
                condition=~Q(status="withdrawn"),
                name="proposal_one_open_per_applicant_and_idea",
                violation_error_message="You already have a proposal to this idea; edit it, "
                "or withdraw it first.",
            ),
            # Each status carries its moment: a submitted proposal says when it was
            # submitted, a withdrawn one when it was withdrawn, a draft neither.
            models.CheckConstraint(
                condition=Q(status="draft", submitted_at__isnull=True, withdrawn_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False, withdrawn_at__isnull=True)
                | Q(status="withdrawn", withdrawn_at__isnull=False),
                name="proposal_status_with_its_moment",
                violation_error_message="A proposal's status needs its moment.",
            ),
            # The applicant orders only what they submitted.
            models.CheckConstraint(
                condition=Q(preference__isnull=True) | Q(status="submitted", preference__gte=1),
                name="proposal_preference_only_when_submitted",
                violation_error_message="Only submitted proposals are ordered, from 1.",
            ),
            # The exception is recorded whole: until when, why and when it was granted.
            models.CheckConstraint(
                condition=Q(
                    editable_until__isnull=True, exception_at__isnull=True, exception_reason=""
                )
                | (
                    Q(editable_until__isnull=False, exception_at__isnull=False)
                    & ~Q(exception_reason="")
                ),
                name="proposal_exception_with_reason_and_moment",
                violation_error_message="An exception to the deadline needs a date and a reason.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProposalWeek(models.Model):
    """One week of a proposal's schedule, numbered from 1 through the coding period."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="weeks")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    # Computed from the round's coding period when the schedule is made, then stored.
    starts_on = models.DateField()
    deliverable = models.TextField(blank=True)

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "number"],
                name="proposal_week_once",
                violation_error_message="Each week of the schedule appears once.",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="proposal_week_numbered_from_one",
                violation_error_message="Weeks are numbered from 1.",
            ),
        ]

    def __str__(self) -> str:
        return f"Week {self.number} of {self.proposal}"
