"""Creating outbox rows in bulk: the same queries for three messages as for thirty, each
identity once, and the rows a parallel sweep made left to it."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.creation import messages_create
from notifications.models import Message
from notifications.registry import LEADS, Due
from programs.models import Round
from programs.timeline import MILESTONES
from tests.notifications.conftest import ORG_DEADLINE, person

pytestmark = pytest.mark.django_db

DUE = datetime(2027, 2, 12, 18, 0, tzinfo=UTC)


def dues(round_, people) -> list[Due]:
    context = {
        "round": round_,
        "milestone": MILESTONES[1],
        "deadline": ORG_DEADLINE,
        "lead": LEADS[0],
        "link": "https://example.org/rounds/gsoc/",
    }
    return [
        Due(kind="round_deadline", recipient=someone, about="round:1", due_at=DUE, context=context)
        for someone in people
    ]


def queries_to_create(count: int, fixed_round) -> int:
    people = [person(f"p{count}-{n}@example.org", "UTC") for n in range(count)]
    round_ = Round.objects.select_related("program").get(pk=fixed_round.pk)
    with CaptureQueriesContext(connection) as queries:
        created = messages_create(dues(round_, people))
    assert len(created) == count
    return len(queries)


def test_thirty_messages_cost_the_queries_of_three(fixed_round):
    assert queries_to_create(30, fixed_round) == queries_to_create(3, fixed_round)


def test_the_messages_already_in_the_outbox_are_left_and_not_returned(fixed_round):
    ana, bob = person("ana@example.org", "UTC"), person("bob@example.org", "UTC")
    (first,) = messages_create(dues(fixed_round, [ana]))
    created = messages_create(dues(fixed_round, [ana, bob, bob]))
    assert [message.recipient for message in created] == [bob]
    assert Message.objects.count() == 2
    assert Message.objects.get(recipient=ana) == first
