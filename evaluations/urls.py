from django.urls import path

from evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("programs/<slug:slug>/statistics/", views.statistics, name="statistics"),
]
