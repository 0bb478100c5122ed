"""Django admin for program admins: ideas, their co-mentors, reviews, history and comments.

For looking things up and repairs: states move through the site's own pages (they record who
did what); a status changed here leaves no IdeaEvent.
"""

from django.contrib import admin

from projects.models import IdeaComment, IdeaEvent, IdeaMentor, IdeaReview, ProjectIdea, Tag


class IdeaMentorInline(admin.TabularInline):
    model = IdeaMentor
    extra = 0
    raw_id_fields = ("user",)


class IdeaEventInline(admin.TabularInline):
    model = IdeaEvent
    extra = 0
    can_delete = False
    fields = ("at", "actor", "from_status", "to_status", "comment")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ProjectIdea)
class ProjectIdeaAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "round", "status", "revision", "updated_at")
    list_filter = ("status", "participation__round", "skill_level")
    list_select_related = ("participation__round", "participation__organization")
    search_fields = ("title", "slug", "summary", "participation__organization__name")
    raw_id_fields = ("participation", "proposed_by", "created_by")
    filter_horizontal = ("tags",)
    readonly_fields = ("created_at", "updated_at", "submitted_at", "approved_at", "revision")
    inlines = (IdeaMentorInline, IdeaEventInline)

    @admin.display(description="organization", ordering="participation__organization__name")
    def organization(self, idea: ProjectIdea) -> str:
        return str(idea.participation.organization)

    @admin.display(description="round", ordering="participation__round__name")
    def round(self, idea: ProjectIdea) -> str:
        return str(idea.participation.round)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = ("name", "slug")


@admin.register(IdeaReview)
class IdeaReviewAdmin(admin.ModelAdmin):
    list_display = ("idea", "revision", "reviewer", "verdict", "created_at")
    list_filter = ("verdict",)
    list_select_related = ("idea", "reviewer")
    search_fields = ("idea__title", "reviewer__email", "reviewer__display_name")
    raw_id_fields = ("idea", "reviewer")
    readonly_fields = ("created_at",)


@admin.register(IdeaEvent)
class IdeaEventAdmin(admin.ModelAdmin):
    list_display = ("idea", "from_status", "to_status", "actor", "at")
    list_filter = ("to_status",)
    list_select_related = ("idea", "actor")
    search_fields = ("idea__title", "actor__email", "comment")
    raw_id_fields = ("idea", "actor")


@admin.register(IdeaComment)
class IdeaCommentAdmin(admin.ModelAdmin):
    list_display = ("idea", "author", "visibility", "created_at")
    list_filter = ("visibility",)
    list_select_related = ("idea", "author")
    search_fields = ("idea__title", "author__email", "body")
    raw_id_fields = ("idea", "author")
    readonly_fields = ("created_at",)
