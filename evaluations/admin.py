"""Django admin for internships."""

from django.contrib import admin

from evaluations.models import Internship


@admin.register(Internship)
class InternshipAdmin(admin.ModelAdmin):
    list_display = ("intern", "participation", "project_title", "status", "created_at")
    list_filter = ("status", "participation__round")
    # Participation.__str__ names its organization and round.
    list_select_related = ("intern", "participation__organization", "participation__round")
    search_fields = ("intern__email", "intern__display_name", "project_title")
    raw_id_fields = ("participation", "intern")
    readonly_fields = ("created_at",)
