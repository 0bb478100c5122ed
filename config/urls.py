from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("programs.urls")),
    path("", include("projects.urls")),
    path("", include("applications.urls")),
    path("", include("selection.urls")),
    path("", include("evaluations.urls")),
    path("", include("people.urls")),
    path("", include("notifications.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
]
