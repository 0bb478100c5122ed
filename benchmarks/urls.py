"""The site's URLs plus the floor page, which exists only in the benchmark's URLconf."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

FLOOR_URL = "/bench/floor/"

# An empty page on the site's layout: what every page pays before it shows anything.
_floor = engines["django"].from_string('{% extends "base.html" %}')


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_floor.render({}, request))


urlpatterns = [
    path(FLOOR_URL.strip("/") + "/", floor),
    path("", include("config.urls")),
]
