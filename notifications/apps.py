from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Every app's reminders.py registers its kinds and reminders (like admin.autodiscover):
        # notifications imports no domain app itself.
        from notifications import registry

        registry.autodiscover()
