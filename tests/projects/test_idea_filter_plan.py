"""On PostgreSQL, the lists' skill level and size filters find their ideas through the index
of approved ideas by level and hours, not by reading every idea of every round: a search
that the filters narrow to nothing costs nothing more in a larger round (`make bench`'s
"idea list, searched")."""

import pytest
from django.db import connection, transaction
from django.db.models import Count, Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects.filters import IdeaFilter
from projects.models import ProjectIdea, SkillLevel
from projects.views.public import published_in_round

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

LEVELS = list(SkillLevel.values)
HOURS = [90, 175, 350]


@pytest.fixture
def a_round_of_ideas(requires_postgres, round_, participation):
    """3,000 approved ideas with descriptions of a few lines; a beginner's idea is always a
    small one (90 hours)."""
    ProjectIdea.objects.bulk_create(
        ProjectIdea(
            participation=participation,
            slug=f"idea-{n}",
            title=f"Incremental parser {n}",
            summary="Make the parser incremental.",
            description="Keep a tree of spans and re-parse the edited one. " * 8,
            status=ProjectIdea.Status.APPROVED,
            skill_level=LEVELS[n % 3],
            expected_hours=HOURS[n % 3],
            revision=1,
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE projects_projectidea")
        # The tables joined to the ideas too: statistics left by an earlier test of the same
        # database (thousands of participations, since flushed) once made the planner start
        # from the participations and read the ideas' rows (a CI run under load).
        cursor.execute("ANALYZE programs_participation, programs_round")
    return round_


def _searched(round_):
    data = {"q": "parser", "skill_level": SkillLevel.BEGINNER, "size": "medium"}
    return IdeaFilter(data, queryset=published_in_round(round_, timezone.now()), round_=round_).qs


def _plan(queryset) -> str:
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(line for (line,) in cursor.fetchall())


def test_a_beginners_search_for_a_medium_idea_is_found_through_the_level_and_size_index(
    a_round_of_ideas,
):
    filtered = _searched(a_round_of_ideas)

    plan = _plan(filtered)

    assert "idea_approved_level_size" in plan
    assert "Seq Scan on projects_projectidea" not in plan
    assert filtered.count() == 0


def test_control_without_the_index_the_search_reads_every_idea(a_round_of_ideas):
    filtered = _searched(a_round_of_ideas)

    with transaction.atomic():  # PostgreSQL's DDL is transactional: the index comes back
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX idea_approved_level_size")
        plan = _plan(filtered)
        transaction.set_rollback(True)

    assert "Seq Scan on projects_projectidea" in plan


def test_a_json_lists_version_is_read_from_the_list_order_index_alone(a_round_of_ideas):
    """The ETag's count and latest change come from the index that carries `updated_at`,
    not from the round's idea rows (each with its description)."""
    published = published_in_round(a_round_of_ideas, timezone.now())
    with CaptureQueriesContext(connection) as queries:
        version = published.order_by().aggregate(count=Count("pk"), latest=Max("updated_at"))

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + queries[0]["sql"])
        plan = "\n".join(line for (line,) in cursor.fetchall())

    assert "Index Only Scan using idea_approved_in_list_order" in plan
    assert "Seq Scan on projects_projectidea" not in plan
    assert version["count"] == 3000
