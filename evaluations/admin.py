"""Django admin for internships, their record and their weekly meetings.

An internship's status is read-only here: it changes only through the services, which record
who changed it, when and why (`InternshipEvent`)."""

from django.contrib import admin

from evaluations.models import Internship, InternshipEvent, WeeklyMeeting


class InternshipEventInline(admin.TabularInline):
    model = InternshipEvent
    extra = 0
    can_delete = False
    fields = ("at", "kind", "from_status", "to_status", "by", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Internship)
class InternshipAdmin(admin.ModelAdmin):
    list_display = ("intern", "participation", "project_title", "status", "starts_at", "ends_at")
    list_filter = ("status", "participation__round")
    # Participation.__str__ names its organization and round.
    list_select_related = ("intern", "participation__organization", "participation__round")
    search_fields = ("intern__email", "intern__display_name", "project_title")
    raw_id_fields = ("participation", "intern", "proposal", "idea", "mentors")
    readonly_fields = ("status", "status_changed_at", "created_at")
    inlines = [InternshipEventInline]


@admin.register(WeeklyMeeting)
class WeeklyMeetingAdmin(admin.ModelAdmin):
    list_display = ("internship", "week", "held_at", "written_by", "confirmed_at")
    list_select_related = (
        "internship__intern",
        "internship__participation__organization",
        "internship__participation__round",
        "written_by",
    )
    search_fields = ("internship__intern__email", "internship__project_title")
    raw_id_fields = ("internship", "written_by", "confirmed_by")
    readonly_fields = ("written_at", "updated_at")
