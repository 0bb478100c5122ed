"""Every page the benchmark times, one line each, and how one page is timed.

An address names the seed's objects in braces: {program}, {round}, {org} (the organization
in the middle of the round's list), {idea} (one of its ideas), {language} (a language tag),
{proposal} (a proposal to {org}, reviewed).
The viewer is who asks: "anonymous", "program_admin", "org_admin" (of {org}), "mentor"
(of {idea}) or "applicant" (with proposals to {idea} and another idea); "intern" is the
intern of {internship}, the timed idea's internship (its mentor is "mentor"). A later part adds its
pages here, one line each.
"""

import math
import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.seed import World
from benchmarks.urls import FLOOR_URL


@dataclass(frozen=True)
class Page:
    name: str
    address: str
    viewer: str = "anonymous"


ROUND = "/rounds/{round}"
ORG = ROUND + "/orgs/{org}"
IDEA = ORG + "/ideas/{idea}"

PAGES = [
    Page("home", "/"),
    Page("program", "/programs/{program}/"),
    Page("round", ROUND + "/"),
    Page("round calendar", ROUND + "/calendar.ics"),
    Page("idea list", ROUND + "/ideas/"),
    Page("idea list, by language", ROUND + "/ideas/?language={language}"),
    Page("idea list, by organization", ROUND + "/ideas/?organization={org}"),
    Page("idea list, searched", ROUND + "/ideas/?q=parser&skill_level=beginner&size=medium"),
    Page("ideas JSON of the round", ROUND + "/ideas.json"),
    Page("organization page", ORG + "/"),
    Page("organization's ideas", ORG + "/ideas/"),
    Page("ideas JSON of an organization", ORG + "/ideas.json"),
    Page("wiki export of an organization", ORG + "/ideas.wiki"),
    Page("idea", IDEA + "/"),
    Page("wiki export of an idea", IDEA + ".wiki"),
    Page("statistics", "/programs/{program}/statistics/"),
    Page("program admin: overview", "/manage/", "program_admin"),
    Page("program admin: round", "/manage/rounds/{round}/", "program_admin"),
    Page("reminder status", "/manage/notifications/", "program_admin"),
    Page("org dashboard", ORG + "/manage/", "org_admin"),
    Page("ideas to review", ORG + "/ideas/review/", "org_admin"),
    Page("my ideas", ORG + "/ideas/mine/", "mentor"),
    Page("idea editor", IDEA + "/edit/", "mentor"),
    Page("profile", "/profile/", "mentor"),
    Page("notification preferences", "/notifications/", "mentor"),
    Page("applicant's dashboard", ROUND + "/application/", "applicant"),
    Page("review list", ORG + "/review/", "mentor"),
    Page("review of a proposal", ORG + "/review/{proposal}/", "mentor"),
    Page("ranking", ORG + "/ranking/", "org_admin"),
    Page("program admin: applications", ROUND + "/applicants/", "program_admin"),
    Page("mentors' contributions to review", ORG + "/contributions/", "mentor"),
    Page("selection", ORG + "/selection/", "org_admin"),
    Page("program admin: selection", ROUND + "/selection/", "program_admin"),
    Page("mentor's interview slots", ORG + "/interviews/", "mentor"),
    Page("applicant's interviews", ROUND + "/application/interviews/", "applicant"),
    Page("internship, as its intern", ROUND + "/internships/{internship}/", "intern"),
    Page("my internships, as a mentor", "/internships/", "mentor"),
    Page("organization's internships", ORG + "/internships/", "org_admin"),
    Page("weekly meeting log", ROUND + "/internships/{internship}/meetings/?week=2", "mentor"),
    # Evaluations (evaluate lane): the mentor's midterm form with the proposal's weeks.
    Page("midterm evaluation", ROUND + "/internships/{internship}/evaluations/midterm/", "mentor"),
    # settle lane: a program admin's decision page (computed outcome, why, the form)
    Page(
        "decide the midterm",
        ROUND + "/internships/{internship}/evaluations/midterm/decide/",
        "program_admin",
    ),
    # dashboard lane: the round's table, one filtered on a computed state (the whole round is
    # read lean to find the page), and both CSVs ("organization's internships" above is the
    # organization's table)
    Page("program admin: internships", ROUND + "/internships/", "program_admin"),
    Page(
        "program admin: internships, midterm missing",
        ROUND + "/internships/?midterm=missing&sort=meetings",
        "program_admin",
    ),
    Page("program admin: internships CSV", ROUND + "/internships.csv", "program_admin"),
    Page("organization's internships CSV", ORG + "/internships.csv", "org_admin"),
    # --- payments lane --- ({payment_export}: the seed's export of half the round's payments)
    Page("program admin: payments waiting", ROUND + "/payments/", "program_admin"),
    Page("program admin: payments exported", ROUND + "/payments/?state=exported", "program_admin"),
    Page("program admin: payment exports", ROUND + "/payments/exports/", "program_admin"),
    Page(
        "payment export CSV",
        ROUND + "/payments/exports/{payment_export}.csv",
        "program_admin",
    ),
    # --- alumni lane ---
    Page("program alumni", "/programs/{program}/alumni/"),
    Page("program alumni, page 2", "/programs/{program}/alumni/?page=2"),
    Page("organization alumni", "/orgs/{org}/alumni/"),
    Page(
        "certificate",
        "/rounds/{certified_round}/internships/{certified}/certificate/",
        "program_admin",
    ),
    Page("certificate verification", "/certificates/{certificate}/"),
]


@dataclass(frozen=True)
class Sampling:
    """How long each page is timed: `warm` untimed requests first, then at least `least`
    timed ones, then more until `budget` seconds have gone or `most` requests were made."""

    warm: int = 2
    least: int = 7
    most: int = 41
    budget: float = 4.0


@dataclass
class Timing:
    page: Page
    url: str
    status: int
    queries: int
    size: int
    times: list[float]
    floor: list[float]

    @property
    def floor_p50(self) -> float:
        return statistics.median(self.floor)

    @property
    def ratios(self) -> list[float]:
        """Each request's time divided by the floor's request made just before or after it:
        a burst of load on the machine slows both, and cancels out."""
        return sorted(page / floor for page, floor in zip(self.times, self.floor, strict=True))

    @property
    def p50(self) -> float:
        return statistics.median(self.ratios)

    @property
    def p95(self) -> float:
        return self.ratios[math.ceil(0.95 * len(self.ratios)) - 1]


def fetch(client: Client, url: str) -> tuple[int, int]:
    """One request, read to its last byte (a streamed response too): status and size."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(body)


def elapsed(client: Client, url: str) -> float:
    started = time.perf_counter()
    fetch(client, url)
    return time.perf_counter() - started


def time_page(page: Page, url: str, client: Client, floor: Client, sampling: Sampling) -> Timing:
    """Time the page and the floor in turns, so both see the same load on the machine.

    Warm-up requests fill the template and ORM caches first; one more request, untimed,
    counts the page's queries (capturing them costs time of its own).
    """
    for _ in range(sampling.warm):
        fetch(client, url)
        fetch(floor, FLOOR_URL)
    with CaptureQueriesContext(connection) as queries:
        status, size = fetch(client, url)
    # Counted now: the captured list is read from the connection's log, which the next
    # request empties.
    query_count = len(queries)
    times: list[float] = []
    floor_times: list[float] = []
    started = time.perf_counter()
    while len(times) < sampling.most and (
        len(times) < sampling.least or time.perf_counter() - started < sampling.budget
    ):
        # Alternate which goes first, so neither always follows the other's garbage.
        if len(times) % 2:
            times.append(elapsed(client, url))
            floor_times.append(elapsed(floor, FLOOR_URL))
        else:
            floor_times.append(elapsed(floor, FLOOR_URL))
            times.append(elapsed(client, url))
    return Timing(page, url, status, query_count, size, times, floor_times)


def clients(world: World) -> dict[str, Client]:
    """A client per viewer, logged in as that person (the anonymous one as nobody)."""
    made = {}
    for name, user in world.viewers().items():
        made[name] = Client()
        if user is not None:
            made[name].force_login(user)
    return made


def time_pages(clients: dict[str, Client], addresses: dict[str, str], sampling: Sampling):
    """Every page of PAGES, each beside the floor (asked by the program admin)."""
    floor = clients["program_admin"]
    return [
        time_page(page, page.address.format(**addresses), clients[page.viewer], floor, sampling)
        for page in PAGES
    ]
