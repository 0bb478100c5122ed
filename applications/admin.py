"""Django admin for program admins: applications, contributions, proposals and schedules.

For looking things up and repairs: states move through the site's own pages (they record who
did what); a status changed here skips the services' rules and notices. The preference order
shows here because only program admins use the Django admin.
"""

from django.contrib import admin

from applications.models import Application, Commitment, Contribution, Proposal, ProposalWeek


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("applicant", "round", "hours_per_week", "is_student", "country", "eligible")
    list_filter = ("round",)
    list_select_related = ("applicant", "round")
    search_fields = ("applicant__email", "applicant__display_name")
    raw_id_fields = ("applicant", "round", "marked_ineligible_by")
    readonly_fields = ("created_at", "updated_at")
    inlines = (CommitmentInline,)

    @admin.display(boolean=True, description="eligible")
    def eligible(self, obj: Application) -> bool:
        return obj.is_eligible


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ("url", "applicant", "participation", "state", "accepted_at", "verdict")
    list_filter = ("state", "verdict", "participation__round")
    list_select_related = ("applicant", "participation__organization", "participation__round")
    search_fields = ("url", "applicant__email", "participation__organization__name")
    raw_id_fields = ("applicant", "participation", "reviewed_by")
    readonly_fields = ("created_at", "updated_at")


class ProposalWeekInline(admin.TabularInline):
    model = ProposalWeek
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "applicant", "idea", "status", "submitted_at", "preference")
    list_filter = ("status", "application__round")
    list_select_related = ("applicant", "idea")
    search_fields = ("title", "applicant__email", "idea__title")
    raw_id_fields = ("applicant", "application", "idea", "exception_by")
    readonly_fields = ("created_at", "updated_at")
    inlines = (ProposalWeekInline,)
