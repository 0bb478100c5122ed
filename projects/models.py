"""Project ideas: the wiki template as a model, its review, and its discussion.

An idea is *published* when it is approved and the round's ideas date has come; publication is
computed from those two facts, never stored.
"""

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone

from programs.models import Participation


class SkillLevel(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


# An idea's expected size: the sizes programs suggest today, and the limits of what is sensible.
SUGGESTED_HOURS = (90, 175, 350)
MIN_HOURS, MAX_HOURS = 10, 1000


class Tag(models.Model):
    """A programming language or a skill, shared across ideas so lists can filter by it."""

    class Kind(models.TextChoices):
        LANGUAGE = "language", "Language"
        SKILL = "skill", "Skill"

    kind = models.CharField(max_length=10, choices=Kind)
    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="tag_unique_per_kind"),
        ]

    def __str__(self) -> str:
        return self.name


class IdeaQuerySet(models.QuerySet):
    def with_approvals(self):
        """`approvals`: distinct approvers of each idea's current revision who do not mentor
        it (one may have been made co-mentor after approving) — the count the approval rule
        uses (projects.services.reviews.tally_for), in one subquery."""
        counted = (
            IdeaReview.objects.filter(
                idea=OuterRef("pk"),
                revision=OuterRef("revision"),
                verdict=IdeaReview.Verdict.APPROVE,
            )
            .exclude(
                Exists(IdeaMentor.objects.filter(idea=OuterRef("idea"), user=OuterRef("reviewer")))
            )
            .values("idea")
            .annotate(n=Count("reviewer", distinct=True))
            .values("n")
        )
        return self.annotate(approvals=Coalesce(Subquery(counted), 0))

    def published(self, now: datetime):
        """Approved ideas of accepted organizations whose round's ideas date has come."""
        return self.filter(
            status=ProjectIdea.Status.APPROVED,
            participation__status=Participation.Status.ACCEPTED,
            participation__round__ideas_published__lte=now,
        )


class ProjectIdea(models.Model):
    """One project idea of an organization in a round, field for field the wiki template."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed by an applicant"  # a custom idea awaiting a mentor
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    participation = models.ForeignKey(Participation, on_delete=models.PROTECT, related_name="ideas")
    slug = models.SlugField(
        max_length=80, help_text="Part of the idea's address; it stays when the title changes."
    )
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, help_text="One sentence: what the intern builds.")
    description = models.TextField(help_text="Markdown. The problem, the plan, what is learnt.")
    skill_level = models.CharField(max_length=12, choices=SkillLevel, blank=True)
    expected_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_HOURS), MaxValueValidator(MAX_HOURS)],
        help_text="Expected size, e.g. 90, 175 or 350 hours.",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="ideas")
    links = models.JSONField(
        default=list, blank=True, help_text='[{"label": ..., "url": ...}, ...] in order.'
    )
    starter_tasks = models.JSONField(
        default=list, blank=True, help_text='Small first contributions: [{"title", "url"}].'
    )
    suggested_by = models.CharField(max_length=200, blank=True)
    # Template fields this site does not model, kept from an imported page so nothing typed
    # on a wiki is lost: [{"label": ..., "value": raw wikitext}, ...].
    extra_fields = models.JSONField(default=list, blank=True)

    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    # Bumped at each submission: approvals count only for the revision they were given to.
    revision = models.PositiveIntegerField(default=0)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_ideas",
        help_text="The applicant who proposed this idea, for a custom idea.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "slug"], name="idea_slug_unique_per_participation"
            ),
        ]
        indexes = [
            # The public lists: approved ideas of an organization in the order they are
            # shown (projects.views.public.ORG_ORDER), so a round's list takes a page of
            # them organization by organization without sorting the whole round. It carries
            # `updated_at`, so the JSON lists' version (count and latest change, for the
            # ETag) is read from it alone instead of from every idea row of the round.
            models.Index(
                "participation",
                Lower("title"),
                "id",
                condition=Q(status="approved"),
                include=["updated_at"],
                name="idea_approved_in_list_order",
            ),
            # The lists' skill level and size filters (projects.filters): approved ideas of
            # one level, by hours, found without reading every idea of every round.
            models.Index(
                fields=["skill_level", "expected_hours"],
                condition=Q(status="approved"),
                name="idea_approved_level_size",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "projects:idea",
            args=[
                self.participation.round.slug,
                self.participation.organization.slug,
                self.slug,
            ],
        )

    @property
    def is_custom(self) -> bool:
        return self.proposed_by_id is not None

    @property
    def published_at(self) -> datetime:
        """When it became public: the ideas date, or its approval if that came later (an idea
        changed after approval is approved again, and that approval is the one counted)."""
        ideas_date = self.participation.round.ideas_published
        return max(ideas_date, self.approved_at) if self.approved_at else ideas_date

    def is_published_at(self, now: datetime) -> bool:
        return (
            self.status == self.Status.APPROVED
            and self.participation.status == Participation.Status.ACCEPTED
            and self.participation.round.ideas_published <= now
        )


class IdeaMentor(models.Model):
    """A (co-)mentor of an idea, shown with the contact they chose.

    `user` is empty when an imported page named someone without an account here; the name as
    written is kept and matched later.
    """

    class Contact(models.TextChoices):
        EMAIL = "email", "Email address"
        IRC = "irc", "IRC nick"

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="mentors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentored_ideas",
    )
    name = models.CharField(max_length=200, blank=True, help_text="As written, for non-users.")
    contact = models.CharField(max_length=5, choices=Contact, default=Contact.EMAIL)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"],
                condition=Q(user__isnull=False),
                name="idea_mentor_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user) if self.user_id else self.name


class IdeaReview(models.Model):
    """An org admin's verdict on one revision of an idea, against the seed's checklist."""

    class Verdict(models.TextChoices):
        APPROVE = "approve", "Approve"
        CHANGES = "changes", "Ask for changes"
        REJECT = "reject", "Reject"

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="idea_reviews"
    )
    revision = models.PositiveIntegerField()
    verdict = models.CharField(max_length=10, choices=Verdict)
    comment = models.TextField(blank=True)
    well_defined = models.BooleanField(default=False, help_text="The scope is clear.")
    self_contained = models.BooleanField(default=False, help_text="It has few dependencies.")
    uncontroversial = models.BooleanField(default=False, help_text="The community will accept it.")
    incremental = models.BooleanField(
        default=False, help_text="It produces deliverables along the way."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            # One verdict per person per revision: approvals come from distinct people.
            models.UniqueConstraint(
                fields=["idea", "revision", "reviewer"], name="idea_review_once_per_revision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} by {self.reviewer} on {self.idea}"


class IdeaEvent(models.Model):
    """Every change of an idea's state: who, when, from what to what, and why."""

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=ProjectIdea.Status, blank=True)
    to_status = models.CharField(max_length=20, choices=ProjectIdea.Status)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.idea}: {self.from_status or '—'} → {self.to_status}"


class IdeaComment(models.Model):
    """A message under an idea: public questions and answers, or private organization notes."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public question or answer"
        ORGANIZATION = "organization", "Private note for the organization"

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="idea_comments"
    )
    visibility = models.CharField(max_length=12, choices=Visibility)
    body = models.TextField(help_text="Markdown.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["idea", "visibility", "created_at"], name="idea_comment_thread"),
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.idea}"
