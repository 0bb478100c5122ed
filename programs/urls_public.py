from django.urls import path

from programs.views import public

urlpatterns = [
    path("", public.home, name="home"),
    path("programs/<slug:slug>/", public.program, name="program"),
    path("rounds/<slug:slug>/", public.round_detail, name="round"),
    path("rounds/<slug:slug>/calendar.ics", public.round_ics, name="round_ics"),
]
