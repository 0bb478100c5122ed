from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("manage/notifications/", views.status, name="status"),
    path("manage/notifications/messages/<int:pk>/retry/", views.retry, name="retry"),
    path("notifications/", views.preferences, name="preferences"),
    path("notifications/off/<str:token>/", views.opt_out, name="opt_out"),
]
