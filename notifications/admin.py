"""Django admin for the workers' heartbeats (read-only: the workers write them)."""

from django.contrib import admin

from notifications.models import Heartbeat


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "last_seen")
    ordering = ("name",)
    readonly_fields = ("name", "last_seen")

    def has_add_permission(self, request) -> bool:
        return False
