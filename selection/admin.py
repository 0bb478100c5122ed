"""Django admin for program admins: reviews, candidacies, conflicts and interviews.

For looking things up and repairs; states move through the site's own pages, which record who
did what and tell the people concerned.
"""

from django.contrib import admin

from selection.models import Candidacy, Conflict, Criterion, Interview, InterviewSlot, Review


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("name", "participation", "weight", "position")
    raw_id_fields = ("participation",)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("proposal", "mentor", "score", "updated_at")
    raw_id_fields = ("proposal", "mentor")


@admin.register(Candidacy)
class CandidacyAdmin(admin.ModelAdmin):
    list_display = ("proposal", "participation", "rank", "set_aside", "selected_at")
    list_select_related = ("proposal", "participation__organization", "participation__round")
    raw_id_fields = (
        "proposal",
        "participation",
        "applicant",
        "interview_flagged_by",
        "set_aside_by",
        "selected_by",
    )


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ("applicant", "round", "opened_at", "resolved_at")
    raw_id_fields = ("applicant", "round", "resolved_by")


@admin.register(InterviewSlot)
class InterviewSlotAdmin(admin.ModelAdmin):
    list_display = ("mentor", "participation", "starts_at", "ends_at", "withdrawn_at")
    raw_id_fields = ("mentor", "participation")


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ("applicant", "mentor", "starts_at", "status", "outcome")
    raw_id_fields = ("slot", "invitation", "mentor", "applicant", "cancelled_by", "moved_to")
