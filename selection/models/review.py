"""Mentors' reviews of submitted proposals, and their word that they will mentor one."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from applications.models import Proposal
from programs.models import Participation

LOWEST_SCORE = 1
HIGHEST_SCORE = 5
MAX_WEIGHT = 10


class Criterion(models.Model):
    """Something an organization scores proposals on in a round ("Understanding of the
    problem", weight 2). An organization that defines none scores each proposal once, 1 to 5."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="review_criteria"
    )
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT)]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["participation", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "name"],
                name="criterion_name_once_per_participation",
                violation_error_message="The organization already scores on a criterion of "
                "that name.",
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=MAX_WEIGHT),
                name="criterion_weight_in_range",
                violation_error_message=f"A weight is from 1 to {MAX_WEIGHT}.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    """One mentor's review of one proposal: a score and a comment, private to the organization.

    `score` is what the ranking averages: the mentor's single score, or the weighted mean of
    their marks when the organization defined criteria (computed by the service when the marks
    are saved, stored so a list averages it in the database)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_reviews"
    )
    score = models.DecimalField(max_digits=3, decimal_places=2)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["proposal", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "mentor"],
                name="review_once_per_mentor",
                violation_error_message="You already reviewed this proposal; change your review.",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=LOWEST_SCORE, score__lte=HIGHEST_SCORE),
                name="review_score_in_range",
                violation_error_message=f"A score is from {LOWEST_SCORE} to {HIGHEST_SCORE}.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} on {self.proposal}"


class Mark(models.Model):
    """A review's score on one of the organization's criteria."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="marks")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="marks")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(LOWEST_SCORE), MaxValueValidator(HIGHEST_SCORE)]
    )

    class Meta:
        ordering = ["review", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"],
                name="mark_once_per_criterion",
                violation_error_message="Each criterion is scored once per review.",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=LOWEST_SCORE, score__lte=HIGHEST_SCORE),
                name="mark_score_in_range",
                violation_error_message=f"A score is from {LOWEST_SCORE} to {HIGHEST_SCORE}.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class MentorCommitmentQuerySet(models.QuerySet):
    def to_selected_in(self, round_):
        """Commitments to the round's selected proposals (still submitted): what the round's
        `max_interns_per_mentor` counts, when committing and when selecting alike."""
        return self.filter(
            proposal__candidacy__selected_at__isnull=False,
            proposal__status="submitted",
            proposal__candidacy__participation__round=round_,
        )


class MentorCommitment(models.Model):
    """A mentor's "I will mentor this" on a proposal. A proposal is ranked only with one; at
    selection a mentor may be committed to no more selected proposals than the round's
    `max_interns_per_mentor`."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="mentor_commitments"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_commitments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentorCommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["proposal", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "mentor"],
                name="mentor_commitment_once",
                violation_error_message="You already said you will mentor this proposal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} will mentor {self.proposal}"
