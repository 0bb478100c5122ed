from django.urls import path

from programs.views import follows, public

urlpatterns = [
    path("", public.home, name="home"),
    path("programs/<slug:slug>/", public.program, name="program"),
    path("rounds/<slug:slug>/", public.round_detail, name="round"),
    path("rounds/<slug:slug>/calendar.ics", public.round_ics, name="round_ics"),
    path("rounds/<slug:slug>/follow/", follows.follow, name="round_follow"),
    path("rounds/<slug:slug>/unfollow/", follows.unfollow, name="round_unfollow"),
]
