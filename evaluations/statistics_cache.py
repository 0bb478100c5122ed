"""The statistics of a program, worked out once and kept in the cache until the data changes.

The table counts every internship of the program's history, so the queries behind it grow
with the years, while the counts change only when an internship, a participation, an
organization, a round or a program is written. Each of those writes (in any process: the
receivers are connected when the app loads) replaces one site-wide version token, and the
cache key carries the token, so the next visit works the table out afresh. Writes that send
no signal (a bulk update) are covered by the timeout: an entry lives an hour at most.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from evaluations.charts import StackedBarChart, stacked_bars
from evaluations.models import Internship
from evaluations.statistics import InternsPerYear, interns_per_year
from programs.models import Organization, Participation, Program, Round

VERSION_KEY = "statistics:version"
TIMEOUT = 60 * 60
# Any write of these can change a count, a name or a year the statistics show.
SOURCES = (Internship, Participation, Organization, Round, Program)


def statistics_of(program: Program) -> tuple[InternsPerYear, StackedBarChart | None]:
    """The table and the chart of the statistics page: from the cache, or worked out now."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    key = f"statistics:{program.pk}:{version}"
    found = cache.get(key)
    if found is None:
        table = interns_per_year(program)
        found = (table, stacked_bars(table, title=f"Interns per year in {program.name}"))
        cache.set(key, found, timeout=TIMEOUT)
    return found


def forget_statistics(**kwargs) -> None:
    """Something the statistics count changed: every program's cached table is out of date.

    Forgotten at once and again when the write commits: a page asked between the two would
    count the data as it was before the commit and cache it under the new version."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def connect() -> None:
    for model in SOURCES:
        name = model.__name__.lower()
        post_save.connect(forget_statistics, sender=model, dispatch_uid=f"statistics.{name}")
        post_delete.connect(
            forget_statistics, sender=model, dispatch_uid=f"statistics.{name}.deleted"
        )
