"""The Django admin of programs, internships and heartbeats: pages load, lists stay flat."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Internship
from notifications.models import Heartbeat
from programs.admin import TIMELINE_GROUPS
from programs.models import (
    Invitation,
    Membership,
    Organization,
    Participation,
    Program,
    Round,
    RuleSet,
    hash_token,
)
from programs.timeline import MILESTONE_FIELDS
from tests.factories import (
    InternshipFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Program,
    Round,
    RuleSet,
    Organization,
    Participation,
    Membership,
    Invitation,
    Internship,
    Heartbeat,
]


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _add_rows(count: int) -> None:
    """`count` of everything, each under its own program, round and organization."""
    for _ in range(count):
        umbrella = OrganizationFactory()
        participation = ParticipationFactory(
            round=RoundFactory(), organization=OrganizationFactory(umbrella=umbrella)
        )
        membership = MembershipFactory(participation=participation)
        Invitation.objects.create(
            participation=participation,
            email=f"invited-{membership.pk}@example.org",
            token_hash=hash_token(f"token-{membership.pk}"),
            invited_by=membership.user,
            expires_at=timezone.now() + timedelta(days=7),
        )
        InternshipFactory(participation=participation)
        Heartbeat.objects.create(name=f"worker-{membership.pk}", last_seen=timezone.now())


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_a_list_makes_as_many_queries_for_twelve_rows_as_for_two(client, superuser, model):
    client.force_login(superuser)
    _add_rows(2)
    few = _queries(client, _changelist(model))
    _add_rows(10)
    assert _queries(client, _changelist(model)) == few


@pytest.mark.parametrize(
    "model", [m for m in MODELS if m is not Heartbeat], ids=lambda model: model.__name__
)
def test_the_add_page_loads(client, superuser, model):
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    assert client.get(url).status_code == 200


def test_the_round_dates_are_grouped_in_timeline_order():
    assert tuple(f for _, fields in TIMELINE_GROUPS for f in fields) == MILESTONE_FIELDS


def test_the_round_page_shows_its_phase_in_the_list_and_its_dates_in_groups(
    client, superuser, round_
):
    client.force_login(superuser)
    assert "Contribution and application period" in client.get(_changelist(Round)).content.decode()
    url = reverse("admin:programs_round_change", args=[round_.pk])
    page = client.get(url).content.decode()
    assert "Coding and evaluations" in page
    assert page.index('name="org_applications_open_0"') < page.index('name="ends_0"')


def test_an_invitation_shows_its_token_hash_but_cannot_change_it(client, superuser, participation):
    invitation = Invitation.objects.create(
        participation=participation,
        email="new-mentor@example.org",
        token_hash=hash_token("secret-token"),
        invited_by=superuser,
        expires_at=timezone.now() + timedelta(days=7),
    )
    client.force_login(superuser)
    page = client.get(reverse("admin:programs_invitation_change", args=[invitation.pk]))
    content = page.content.decode()
    assert hash_token("secret-token") in content
    assert 'name="token_hash"' not in content


def test_heartbeats_are_written_by_workers_not_by_hand(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:notifications_heartbeat_add"))
    assert response.status_code == 403


def test_a_program_admin_without_staff_access_is_sent_to_the_admin_login(client, program_admin):
    client.force_login(program_admin)
    response = client.get(_changelist(Round))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
