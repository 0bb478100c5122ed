"""Named personas, reused by every test (after healthchecks' alice, bob and charlie).

In one accepted participation (`participation`: QEMU in a Google Summer of Code round in its
application period):
- `program_admin` runs the program site-wide;
- `org_admin` coordinates QEMU in the round;
- `mentor` mentors for QEMU (a read-only role on the organization's own pages);
- `applicant` is signed up and holds no role;
- `outsider` mentors for another organization in the same round.
"""

import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from programs.models import Membership
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    ProgramFactory,
    RoundFactory,
    UserFactory,
)

# Property tests: a small budget on a laptop, where the suite runs often; CI (CI=true) tries
# five times as many examples. A test that needs a share of the budget takes it from
# `hypothesis_settings.default.max_examples`. No deadline: a busy machine is not a failure.
hypothesis_settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "dev")


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook; `-p no:xdist` runs leave it unknown
def pytest_xdist_make_scheduler(config, log):
    """`make test` (`-n 2 --dist loadgroup`): every browser test goes to one worker, so Chromium
    and the live server start once per run, not once per worker. pytest-xdist's own way, the
    `xdist_group` mark, renames the test's node id, which pytest 9 no longer lets it do; the
    scheduler's grouping is the same rule, stated here."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class BrowserTestsTogether(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith("tests/browser/"):
                return "browser"
            return super()._split_scope(nodeid)

    return BrowserTestsTogether(config, log)


@pytest.fixture
def program():
    return ProgramFactory(name="Google Summer of Code", slug="gsoc")


@pytest.fixture
def round_(program):
    return RoundFactory(program=program, name="Google Summer of Code 2027", slug="gsoc-2027")


@pytest.fixture
def participation(round_):
    qemu = OrganizationFactory(name="QEMU", slug="qemu")
    return ParticipationFactory(round=round_, organization=qemu, slots_max=4)


@pytest.fixture
def program_admin(db):
    return UserFactory(
        email="paula@example.org", display_name="Paula Program", is_program_admin=True
    )


@pytest.fixture
def org_admin(participation):
    user = UserFactory(email="olga@example.org", display_name="Olga Orgadmin")
    MembershipFactory(participation=participation, user=user, role=Membership.Role.ORG_ADMIN)
    return user


@pytest.fixture
def mentor(participation):
    user = UserFactory(
        email="mira@example.org", display_name="Mira Mentor", timezone="Europe/Berlin"
    )
    MembershipFactory(participation=participation, user=user, role=Membership.Role.MENTOR)
    return user


@pytest.fixture
def applicant(db):
    return UserFactory(
        email="ana@example.org", display_name="Ana Applicant", timezone="Asia/Kolkata"
    )


@pytest.fixture
def outsider(round_):
    other = ParticipationFactory(
        round=round_, organization=OrganizationFactory(name="libvirt", slug="libvirt")
    )
    user = UserFactory(email="oscar@example.org", display_name="Oscar Outsider")
    MembershipFactory(participation=other, user=user, role=Membership.Role.MENTOR)
    return user


def _service_missing(what: str) -> None:
    """Skip a test whose service is absent, except under CI, where absence is a failure."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is required under CI=true but is not configured or not reachable.")
    pytest.skip(f"{what} is not configured")


@pytest.fixture
def requires_postgres(settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        _service_missing("PostgreSQL (DATABASE_URL)")


@pytest.fixture
def requires_redis(settings):
    url = settings.REDIS_URL
    if not url:
        _service_missing("Redis (REDIS_URL)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        _service_missing(f"Redis at {url}")
