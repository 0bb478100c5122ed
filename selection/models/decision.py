"""An organization's decision on each submitted proposal: flags, rank, selection; conflicts
between organizations; and the record of every change to a selection."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from applications.models import Proposal
from programs.models import Participation, Round


class CandidacyQuerySet(models.QuerySet):
    def ranked(self):
        return self.filter(rank__isnull=False).order_by("rank")

    def selected(self):
        """Selected, of a proposal still submitted: an applicant may withdraw a proposal at any
        time, and a withdrawn one holds no slot, makes no conflict and no internship."""
        return self.filter(selected_at__isnull=False, proposal__status="submitted")

    def in_the_running(self):
        """Not set aside as spam or not serious."""
        return self.filter(set_aside="")


class Candidacy(models.Model):
    """A submitted proposal as its organization weighs it. One row per proposal, created the
    first time a mentor or org admin acts on it; a proposal without one is simply unranked,
    unflagged and unselected.

    `participation` and `applicant` repeat the proposal's (its idea's participation, its
    applicant) so the database can hold the rules that mention them: a rank once per
    organization, and the row a selection locks to see the applicant's other selections."""

    class SetAside(models.TextChoices):
        NO = "", "In the running"
        SPAM = "spam", "Spam"
        NOT_SERIOUS = "not_serious", "Not serious"

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, primary_key=True, related_name="candidacy"
    )
    participation = models.ForeignKey(
        Participation, on_delete=models.PROTECT, related_name="candidacies"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidacies"
    )

    # "Interview this applicant": a mentor's flag; invitations follow (interviews).
    interview_flagged_at = models.DateTimeField(null=True, blank=True)
    interview_flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Out of the ranking without deleting anything; undone by setting it back to NO.
    set_aside = models.CharField(max_length=12, choices=SetAside, blank=True, default="")
    set_aside_at = models.DateTimeField(null=True, blank=True)
    set_aside_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The organization's order, 1 first; empty: not ranked.
    rank = models.PositiveIntegerField(null=True, blank=True)
    # Chosen by an org admin; private until the round's results time.
    selected_at = models.DateTimeField(null=True, blank=True)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CandidacyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "candidacies"
        ordering = ["participation", "rank", "proposal_id"]
        indexes = [
            models.Index(fields=["applicant", "selected_at"], name="candidacy_applicant_selected"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "rank"],
                condition=Q(rank__isnull=False),
                name="candidacy_rank_once_per_participation",
                violation_error_message="Another proposal holds that place in the ranking.",
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1),
                name="candidacy_rank_from_one",
                violation_error_message="Ranks start at 1.",
            ),
            models.CheckConstraint(
                condition=Q(set_aside="", set_aside_at__isnull=True)
                | (~Q(set_aside="") & Q(set_aside_at__isnull=False)),
                name="candidacy_set_aside_with_its_moment",
                violation_error_message="Setting a proposal aside records when.",
            ),
            # A proposal set aside is out of the ranking and cannot be selected.
            models.CheckConstraint(
                condition=Q(set_aside="") | Q(rank__isnull=True, selected_at__isnull=True),
                name="candidacy_set_aside_is_out_of_the_running",
                violation_error_message="A proposal set aside is neither ranked nor selected.",
            ),
            # Org admins select from the ranked list.
            models.CheckConstraint(
                condition=Q(selected_at__isnull=True) | Q(rank__isnull=False),
                name="candidacy_selected_from_the_ranking",
                violation_error_message="Only a ranked proposal can be selected.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} ({self.participation})"

    @property
    def is_selected(self) -> bool:
        return self.selected_at is not None


class ConflictQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Conflict(models.Model):
    """An applicant selected by more organizations than the round's
    `max_accepted_per_applicant` allows, flagged at the moment of the selection that made it.
    A program admin resolves it (keeping some selections, releasing the others); at most one
    open conflict per applicant and round."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="selection_conflicts")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="selection_conflicts"
    )
    opened_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(blank=True)

    objects = ConflictQuerySet.as_manager()

    class Meta:
        ordering = ["round", "opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "applicant"],
                condition=Q(resolved_at__isnull=True),
                name="conflict_one_open_per_applicant",
                violation_error_message="This applicant already has an open conflict.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} in {self.round}"


class SelectionChange(models.Model):
    """Every change to a selection: who, when, what and why. After the round's results time a
    change needs a program admin and a reason; the record is how it stays visible."""

    class Action(models.TextChoices):
        SELECTED = "selected", "Selected"
        DESELECTED = "deselected", "Selection withdrawn"
        RELEASED = "released", "Released to resolve a conflict"
        KEPT = "kept", "Kept when a conflict was resolved"

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=12, choices=Action)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    reason = models.TextField(blank=True)
    # Set on changes made after the results were announced.
    after_results = models.BooleanField(default=False)

    class Meta:
        ordering = ["candidacy", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(after_results=False) | ~Q(reason=""),
                name="selection_change_after_results_has_a_reason",
                violation_error_message="A change after the results needs a reason.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.candidacy}"
