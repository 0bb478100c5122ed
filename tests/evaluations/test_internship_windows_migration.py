"""Internships made before they had their own dates take them from their round, and the
old status "passed" becomes "completed" (statistics, which leave out only the withdrawn,
count them the same)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from evaluations.models import Internship
from tests.factories import ParticipationFactory, UserFactory

BEFORE = [("evaluations", "0003_internship_from_proposal")]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_old_internships_get_their_rounds_dates_and_passed_becomes_completed():
    participation = ParticipationFactory()
    passed, failed = UserFactory(), UserFactory()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = migrate(BEFORE).loader.project_state(BEFORE).apps
        OldInternship = old_apps.get_model("evaluations", "Internship")
        for person, status in ((passed, "passed"), (failed, "failed")):
            OldInternship.objects.create(
                participation_id=participation.pk, intern_id=person.pk, status=status
            )
    finally:
        migrate(latest)

    round_ = participation.round
    migrated = {i.intern_id: i for i in Internship.objects.all()}
    assert migrated[passed.pk].status == Internship.Status.COMPLETED
    assert migrated[failed.pk].status == Internship.Status.FAILED
    for internship in migrated.values():
        assert (internship.starts_at, internship.ends_at) == (
            round_.coding_start,
            round_.final_open,
        )
        assert internship.midterm_closes == round_.midterm_close
        assert internship.final_closes == round_.final_close
