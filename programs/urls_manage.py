"""The program admin's pages, all under /manage/."""

from django.urls import path

from programs.views import manage

_org = "manage/rounds/<slug:round_slug>/organizations/<slug:org_slug>"

urlpatterns = [
    path("manage/", manage.manage, name="manage"),
    # Before the round page, so "new" never reads as a round's slug (the form reserves it).
    path("manage/rounds/new/", manage.round_open, name="round_open"),
    path("manage/rounds/<slug:round_slug>/", manage.round_edit, name="round_edit"),
    path(f"{_org}/accept/", manage.participation_accept, name="participation_accept"),
    path(f"{_org}/reject/", manage.participation_reject, name="participation_reject"),
    path(f"{_org}/slots/", manage.slots_grant, name="slots_grant"),
]
