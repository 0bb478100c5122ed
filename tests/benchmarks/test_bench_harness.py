"""`make bench` cannot rot: its seed still fits the models, every page it times still answers,
the sweep it times still creates messages, and its table still has a row per figure.

A tiny seed on the test database, each page asked once; the timings themselves mean nothing
here (the benchmark's own run on PostgreSQL is what measures).
"""

import pytest

from benchmarks import report
from benchmarks.pages import PAGES, Sampling, clients, time_pages
from benchmarks.seed import seed
from benchmarks.sending import SendingTiming
from benchmarks.sweeping import SweepTiming, time_sweep
from notifications.models import Message

# The benchmark's URLs, with stand-ins for the applicant's pages not routed yet (the dashboard
# links to them); "benchmarks.urls" again once they are.
pytestmark = [pytest.mark.django_db, pytest.mark.urls("benchmarks.urls")]

ONCE = Sampling(warm=0, least=1, most=1, budget=0)


def test_every_page_of_the_benchmark_answers_on_its_seed_and_has_its_rows_in_the_table():
    world = seed(0.002)

    timings = time_pages(clients(world), world.addresses(), ONCE)

    assert {t.page.name: t.status for t in timings} == {page.name: 200 for page in PAGES}
    assert all(t.queries > 0 and t.size > 0 for t in timings)
    sweep = SweepTiming(messages=5, seconds=0.05, queries=30)
    sending = SendingTiming(
        total=10, messages=9, seconds=0.1, bare_messages=10, bare_seconds=0.1, unsent={}
    )
    table = report.rows(0.002, timings, timings, sweep, sweep, sending)
    assert len(table) == 3 * len(PAGES) + 4
    assert report.markdown(table).count("\n") == len(table) + 1


def test_the_floor_page_needs_a_login_and_exists_only_in_the_benchmark(client, settings):
    assert client.get("/bench/floor/").status_code == 302
    settings.ROOT_URLCONF = "config.urls"
    assert client.get("/bench/floor/").status_code == 404


def test_the_sweep_it_times_creates_a_message_per_follower_and_per_applicant_with_a_draft():
    world = seed(0.002)

    timing = time_sweep(world)

    followers = len(world.org_admins) + len(world.mentors)
    deadline = Message.objects.filter(about__startswith=f"round:{world.round.pk}:")
    drafts = Message.objects.filter(kind="proposal_drafts_due")
    assert deadline.count() == followers
    assert drafts.exists()
    assert timing.messages == followers + drafts.count()
    assert timing.queries > 0
