"""Seed a large round and measure its pages: queries and time per page at each size.

    .venv/bin/python benchmarks/pages.py            # 10, 100 and 1000 organizations
    .venv/bin/python benchmarks/pages.py 10 5000    # sizes of your choice

Runs on a throwaway test database (SQLite in memory, or DATABASE_URL's server). A page whose
query count grows with the size is an N+1 to fix; the tests pin the counts, this shows the time.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

from evaluations.models import Internship  # noqa: E402
from people.models import User  # noqa: E402
from programs.models import Membership, Organization, Participation, Program, Round, RuleSet  # noqa: E402
from programs.schedules import dates_in_phase  # noqa: E402
from programs.timeline import Phase  # noqa: E402
from projects.models import IdeaMentor, ProjectIdea  # noqa: E402

PAGES = {
    "home": "/",
    "round": "/rounds/bench/",
    "calendar": "/rounds/bench/calendar.ics",
    "statistics": "/programs/bench/statistics/",
    "program admin: all rounds": "/manage/",
    "program admin: one round": "/manage/rounds/bench/",
    "ideas of the round": "/rounds/bench/ideas/",
    "ideas as JSON": "/rounds/bench/ideas.json",
    "reminder status": "/manage/notifications/",
}


def seed(organizations: int) -> User:
    now = timezone.now()
    program = Program.objects.create(
        name="Bench", slug="bench", default_rules=RuleSet.objects.create()
    )
    round_ = Round.objects.create(
        program=program,
        name="Bench round",
        slug="bench",
        total_slots=organizations * 3,
        rules=RuleSet.objects.create(),
        **dates_in_phase(Phase.CODING, now),
    )
    orgs = Organization.objects.bulk_create(
        Organization(name=f"Org {i}", slug=f"org-{i}") for i in range(organizations)
    )
    participations = Participation.objects.bulk_create(
        Participation(
            round=round_,
            organization=o,
            status=Participation.Status.ACCEPTED,
            slots_max=3,
            slots_granted=2,
            submitted_at=now,
        )
        for o in orgs
    )
    people = User.objects.bulk_create(
        User(email=f"p{i}@bench.example", display_name=f"P {i}") for i in range(organizations * 3)
    )
    Membership.objects.bulk_create(
        Membership(
            participation=p,
            user=people[3 * i + k],
            terms_accepted_at=now,
            role=Membership.Role.ORG_ADMIN if k == 0 else Membership.Role.MENTOR,
        )
        for i, p in enumerate(participations)
        for k in range(2)
    )
    ideas = ProjectIdea.objects.bulk_create(
        ProjectIdea(
            participation=p,
            slug=f"idea-{i}",
            title=f"Idea {i}",
            summary="Do it.",
            description="**Why** and how.",
            status=ProjectIdea.Status.APPROVED,
            skill_level="intermediate",
            expected_hours=175,
        )
        for i, p in enumerate(participations)
    )
    IdeaMentor.objects.bulk_create(
        IdeaMentor(idea=idea, user=people[3 * i + 1]) for i, idea in enumerate(ideas)
    )
    Internship.objects.bulk_create(
        Internship(participation=p, intern=people[3 * i + 2]) for i, p in enumerate(participations)
    )
    return User.objects.create_user("admin@bench.example", is_program_admin=True)


def measure(sizes: list[int]) -> None:
    print(f"{'page':28} " + " ".join(f"{n:>9} orgs" for n in sizes))
    results: dict[str, list[str]] = {name: [] for name in PAGES}
    for size in sizes:
        config = setup_databases(verbosity=0, interactive=False)
        try:
            admin = seed(size)
            client = Client()
            client.force_login(admin)
            for name, url in PAGES.items():
                client.get(url)  # warm caches and templates
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = time.perf_counter() - started
                status = "" if response.status_code == 200 else f" ({response.status_code})"
                results[name].append(f"{len(queries):>3}q {elapsed * 1000:>6.0f}ms{status}")
        finally:
            teardown_databases(config, verbosity=0)
    for name, cells in results.items():
        print(f"{name:28} " + " ".join(f"{c:>14}" for c in cells))


if __name__ == "__main__":
    setup_test_environment()
    measure([int(a) for a in sys.argv[1:]] or [10, 100, 1000])
