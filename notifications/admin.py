"""Django admin for heartbeats and the outbox: read-only, the workers and the sweep write them.
Program admins act on messages from the status page (retry), not here."""

from django.contrib import admin

from notifications.models import Heartbeat, Message


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "last_seen")
    ordering = ("name",)
    readonly_fields = ("name", "last_seen")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "kind", "recipient", "status", "attempts", "due_at", "sent_at")
    list_filter = ("status", "kind")
    list_select_related = ("recipient",)
    search_fields = ("subject", "recipient__email", "about")
    ordering = ("-created_at",)
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
