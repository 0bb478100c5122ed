"""Django admin for program admins: every table of programs, searchable, one query per list.

Rounds are best opened on the site's own page (it copies the program's rules); the admin is
for looking things up and for repairs.
"""

from django.contrib import admin

from programs.models import (
    Invitation,
    Membership,
    MentorRequest,
    Organization,
    Participation,
    Program,
    Round,
    RuleSet,
)

# The timeline in fieldsets, in timeline order: a round's dates read top to bottom as they
# happen. A test checks this covers programs.timeline.MILESTONES, in order.
TIMELINE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Organization applications",
        ("org_applications_open", "org_applications_close", "orgs_announced"),
    ),
    (
        "Ideas and applications",
        ("ideas_published", "applications_open", "applications_close"),
    ),
    ("Selection", ("results_announced",)),
    (
        "Coding and evaluations",
        ("coding_start", "midterm_open", "midterm_close", "final_open", "final_close", "ends"),
    ),
)


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "max_proposals_per_applicant",
        "max_accepted_per_applicant",
        "max_interns_per_mentor",
        "extension_max_weeks",
        "students_only",
    )


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "website")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("default_rules",)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("name", "program", "phase", "total_slots", "org_applications_open", "ends")
    list_filter = ("program",)
    list_select_related = ("program",)
    search_fields = ("name", "slug")
    raw_id_fields = ("rules",)
    readonly_fields = ("created_at",)
    fieldsets = (
        (None, {"fields": ("program", "name", "slug", "total_slots", "rules", "created_at")}),
        *((title, {"fields": fields}) for title, fields in TIMELINE_GROUPS),
    )

    @admin.display(description="phase")
    def phase(self, round_: Round) -> str:
        # Computed from the dates and the clock, never stored: no query, no sorting.
        return round_.phase.label


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "umbrella", "website")
    list_select_related = ("umbrella",)
    search_fields = ("name", "slug")
    autocomplete_fields = ("umbrella",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = (
        "organization",
        "round",
        "status",
        "slots_min",
        "slots_max",
        "slots_granted",
        "submitted_at",
        "decided_at",
    )
    list_filter = ("status", "round")
    list_select_related = ("organization", "round")
    search_fields = ("organization__name", "round__name")
    autocomplete_fields = ("organization", "round")
    raw_id_fields = ("decided_by",)
    readonly_fields = ("created_at",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "status", "participation", "terms_accepted_at", "ended_at")
    list_filter = ("role", "status", "participation__round")
    # Participation.__str__ names its organization and round; User.__str__ needs only the user.
    list_select_related = ("user", "participation__organization", "participation__round")
    search_fields = ("user__email", "user__display_name", "participation__organization__name")
    raw_id_fields = ("participation", "user", "invited_by")
    readonly_fields = ("created_at",)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "role",
        "participation",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    )
    list_filter = ("role", "participation__round")
    list_select_related = (
        "participation__organization",
        "participation__round",
        "invited_by",
    )
    search_fields = ("email", "participation__organization__name")
    raw_id_fields = ("participation", "invited_by", "accepted_by")
    # Only the hash is stored; the link itself was sent once and cannot be recovered.
    readonly_fields = ("token_hash", "created_at")


@admin.register(MentorRequest)
class MentorRequestAdmin(admin.ModelAdmin):
    list_display = ("user", "participation", "status", "hours_per_week", "created_at")
    list_filter = ("status", "participation__round")
    list_select_related = ("user", "participation__organization", "participation__round")
    search_fields = ("user__email", "user__display_name", "participation__organization__name")
    raw_id_fields = ("participation", "user", "decided_by")
    readonly_fields = ("created_at",)
