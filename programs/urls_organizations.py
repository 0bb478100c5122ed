from django.urls import path
from django.views.generic import RedirectView

from programs.views import mentor_requests
from programs.views import organizations as views

# An organization in a round lives under /rounds/<round>/orgs/<org>/.
ORG = "rounds/<slug:round_slug>/orgs/<slug:org_slug>/"

urlpatterns = [
    path(
        "rounds/<slug:round_slug>/participate/",
        views.participation_new,
        name="participation_new",
    ),
    # The page's old address, kept for links already sent; applicants' pages live under
    # /rounds/<round>/application/ (the applications app), so "apply" never means both.
    path(
        "rounds/<slug:round_slug>/apply/",
        RedirectView.as_view(pattern_name="programs:participation_new", permanent=True),
    ),
    path(ORG, views.participation, name="participation"),
    path(f"{ORG}manage/", views.participation_manage, name="participation_manage"),
    path(
        f"{ORG}manage/submit/",
        views.participation_step,
        {"step": "submit"},
        name="participation_submit",
    ),
    path(f"{ORG}manage/withdraw/", views.participation_withdraw, name="participation_withdraw"),
    path(f"{ORG}manage/invitations/", views.invitation_create, name="invitation_create"),
    path(
        f"{ORG}manage/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        f"{ORG}mentor-requests/new/",
        mentor_requests.mentor_request_create,
        name="mentor_request_create",
    ),
    path(f"{ORG}mentor-requests/<int:pk>/", mentor_requests.mentor_request, name="mentor_request"),
    path(
        f"{ORG}mentor-requests/<int:pk>/withdraw/",
        mentor_requests.mentor_request_withdraw,
        name="mentor_request_withdraw",
    ),
    path(f"{ORG}manage/mentor-requests/", mentor_requests.mentor_requests, name="mentor_requests"),
    path(
        f"{ORG}manage/mentor-requests/<int:pk>/decide/",
        mentor_requests.mentor_request_decide,
        name="mentor_request_decide",
    ),
    path(f"{ORG}members/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
