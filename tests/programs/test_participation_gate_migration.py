"""The contribution deadline became a gate: a deadline alone meant one accepted contribution."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from programs.models import Participation
from tests.factories import OrganizationFactory, RoundFactory

BEFORE = [("programs", "0006_organization_wiki_address")]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_a_deadline_set_before_the_gate_becomes_a_gate_of_one_contribution():
    round_ = RoundFactory()
    deadline = datetime(2027, 4, 9, 12, 0, tzinfo=UTC)
    gated, open_door = OrganizationFactory(), OrganizationFactory()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = migrate(BEFORE).loader.project_state(BEFORE).apps
        OldParticipation = old_apps.get_model("programs", "Participation")
        for organization, contribution_deadline in ((gated, deadline), (open_door, None)):
            OldParticipation.objects.create(
                round_id=round_.pk,
                organization_id=organization.pk,
                contribution_deadline=contribution_deadline,
            )
    finally:
        migrate(latest)

    gates = {
        p.organization_id: (p.gate_contributions, p.gate_deadline)
        for p in Participation.objects.filter(round=round_)
    }
    assert gates == {gated.pk: (1, deadline), open_door.pk: (0, None)}
