"""On PostgreSQL, the program admin's overview counts each round's participations by status
from the index of participations by round and status, without reading the table, instead
of hashing a join of every round with all its participations (`make bench`'s "program
admin: overview" grew with the program's history)."""

import pytest
from django.db import connection
from django.db.models import Count, Q

from programs.models import Organization, Participation, Round
from programs.overview import rounds_with_counts
from tests.factories import RoundFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

Status = Participation.Status


@pytest.fixture
def a_history(requires_postgres, program):
    """Ten rounds of 300 participations each, most accepted."""
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Organization {n}", slug=f"org-{n}") for n in range(300)
    )
    rounds = [RoundFactory(program=program) for _ in range(10)]
    statuses = [Status.ACCEPTED] * 8 + [Status.REJECTED, Status.WITHDRAWN]
    Participation.objects.bulk_create(
        Participation(
            round=round_,
            organization=organization,
            status=statuses[n % 10],
            slots_max=3,
            slots_granted=2,
        )
        for round_ in rounds
        for n, organization in enumerate(organizations)
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE programs_participation")
    return rounds


def _plan() -> str:
    sql, params = rounds_with_counts().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(line for (line,) in cursor.fetchall())


def test_each_rounds_counts_are_read_from_the_index_alone(a_history):
    plan = _plan()

    assert "Index Only Scan using participation_round_status" in plan
    assert "Seq Scan on programs_participation" not in plan
    counted = rounds_with_counts().get(pk=a_history[0].pk)
    assert (counted.count_accepted, counted.count_rejected, counted.count_withdrawn) == (
        240,
        30,
        30,
    )
    assert (counted.count_draft, counted.slots_granted_total) == (0, 480)


def test_control_counting_by_a_join_grouped_over_the_rounds_reads_every_participation(
    a_history,
):
    """What the overview did before: the same counts as aggregates of a join."""
    joined = Round.objects.annotate(
        **{
            f"count_{status}": Count("participations", filter=Q(participations__status=status))
            for status in Status.values
        }
    )
    sql, params = joined.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(line for (line,) in cursor.fetchall())

    assert "Seq Scan on programs_participation" in plan
