"""Following a round moved from notifications to programs; the migration keeps every row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from programs.models import RoundFollow
from tests.factories import RoundFactory, UserFactory

BEFORE = [("notifications", "0003_message_withdrawn"), ("programs", "0003_idea_approval_rule")]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_follows_made_in_notifications_are_kept_in_programs():
    fay, olga = UserFactory(), UserFactory()
    round_ = RoundFactory()
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        old_apps = migrate(BEFORE).loader.project_state(BEFORE).apps
        OldFollow = old_apps.get_model("notifications", "RoundFollow")
        OldFollow.objects.create(user_id=fay.pk, round_id=round_.pk, following=True)
        OldFollow.objects.create(user_id=olga.pk, round_id=round_.pk, following=False)
    finally:
        migrate(latest)

    kept = {(f.user_id, f.following) for f in RoundFollow.objects.filter(round=round_)}
    assert kept == {(fay.pk, True), (olga.pk, False)}
    # The moved table takes new rows after the old ones (its id sequence came along).
    newcomer = RoundFollow.objects.create(user=UserFactory(), round=RoundFactory())
    assert newcomer.pk > max(
        RoundFollow.objects.exclude(pk=newcomer.pk).values_list("pk", flat=True)
    )
