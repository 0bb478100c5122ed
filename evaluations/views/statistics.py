"""Public statistics of a program: how many interns each organization had, year by year."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from evaluations.statistics_cache import statistics_of
from programs.permissions import program_for_public


def statistics(request: HttpRequest, slug: str) -> HttpResponse:
    # Counts of interns are public, like the program itself; no intern is named here.
    program = program_for_public(slug)
    table, chart = statistics_of(program)
    return render(
        request,
        "evaluations/statistics.html",
        {"program": program, "table": table, "chart": chart},
    )
