"""Two people (or two tabs) accepting one invitation at the same instant, on PostgreSQL,
where the two requests really run in parallel on separate connections."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from programs.models import Invitation, Membership
from programs.services.memberships import (
    InvitationUnavailable,
    invitation_accept,
    invitation_create,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_simultaneous_accepts_make_exactly_one_membership(
    requires_postgres, participation, org_admin
):
    issued = invitation_create(
        participation=participation, email="ivy@example.org", role="mentor", by=org_admin
    )
    people = [UserFactory(), UserFactory()]
    both_loaded = threading.Barrier(2, timeout=10)
    outcomes: dict[int, str] = {}
    looked_open: list[bool] = []

    def accept_as(user):
        try:
            invitation = Invitation.objects.select_related("participation").get(
                pk=issued.invitation.pk
            )
            # Control: a check on the loaded row lets both through, so only the
            # conditional UPDATE can decide.
            looked_open.append(invitation.is_open(timezone.now()))
            both_loaded.wait()
            invitation_accept(invitation=invitation, user=user, accepts_terms=True)
            outcomes[user.pk] = "accepted"
        except InvitationUnavailable as refusal:
            outcomes[user.pk] = refusal.reason
        finally:
            connection.close()

    threads = [threading.Thread(target=accept_as, args=[user]) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert looked_open == [True, True]
    assert sorted(outcomes.values()) == ["accepted", "used"]
    assert Membership.objects.filter(user__in=people).count() == 1
    winner = next(pk for pk, outcome in outcomes.items() if outcome == "accepted")
    assert Invitation.objects.get().accepted_by_id == winner
