"""Fixtures of the notifications tests: a round with fixed dates, people in two zones, a mail
server that fails on demand, and a real Celery worker on the real broker."""

from datetime import UTC, datetime

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from programs.models import Membership, Participation
from programs.schedules import dates_from
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoundFactory,
    UserFactory,
)
from tests.notifications.flaky_backend import FlakyBackend
from tests.notifications.smtp_recorder import smtp_server  # noqa: F401 - a fixture

# Organization applications of the fixed round open on 1 Feb 2027 and close on
# 15 Feb 2027 at 18:00 UTC (programs.schedules: deadlines at 18:00 UTC).
OPENS = datetime(2027, 2, 1, tzinfo=UTC)
ORG_DEADLINE = datetime(2027, 2, 15, 18, 0, tzinfo=UTC)


@pytest.fixture
def fixed_round(program):
    return RoundFactory(
        program=program, name="GSoC 2027", slug="gsoc-2027-fixed", **dates_from(OPENS)
    )


@pytest.fixture
def draft(fixed_round):
    """QEMU's application to the fixed round, still a draft."""
    return ParticipationFactory(
        round=fixed_round,
        organization=OrganizationFactory(name="QEMU & friends", slug="qemu-friends"),
        status=Participation.Status.DRAFT,
        submitted_at=None,
    )


def person(email: str, zone: str, **extra):
    return UserFactory(
        email=email, display_name=email.split("@")[0].title(), timezone=zone, **extra
    )


def org_admin_of(participation, email: str, zone: str = "UTC"):
    user = person(email, zone)
    MembershipFactory(participation=participation, user=user, role=Membership.Role.ORG_ADMIN)
    return user


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = "tests.notifications.flaky_backend.FlakyBackend"
    FlakyBackend.failures = 0
    FlakyBackend.attempts = 0
    yield FlakyBackend
    FlakyBackend.failures = 0


@pytest.fixture
def real_worker(requires_redis):
    """A Celery worker thread on the real broker (Redis in CI), tasks no longer eager.

    The queue is purged first: a task left by an earlier run must not run in this test.
    """
    app.conf.task_always_eager = False
    try:
        app.control.purge()
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
        ):
            yield
    finally:
        app.conf.task_always_eager = True
