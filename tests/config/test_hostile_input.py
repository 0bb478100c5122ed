"""No page answers 500 to any input, and none takes long over it.

Every page of the site (read from the resolver, so a page added later is fuzzed too) is
fetched as each kind of person with hostile query strings, and every form found on the
pages they see is posted back with hostile values in its fields: very long text, NUL and
control characters, unicode digits, huge and negative numbers, script, links and SQL-ish
quotes, impossible dates and dates that fall in a daylight-saving gap, unknown choices.

The values are a fixed list, so a failure is reproducible; one request per page, person,
form and kind of value keeps the test quick. A page anonymous visitors see reads its query
string the same way for everyone, so its query is fuzzed once, as anonymous; `CI=true`
fuzzes it as every person and adds a second value of each kind. An address that takes only
a POST and whose form the person was not shown is posted with every field name seen.
Each POST runs inside a savepoint that is rolled back, so every form meets the same world
(a rejected organization or an ended role does not hide the pages behind it).
"""

import os
import time
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from evaluations.models import PaymentExport
from notifications.models import Message
from programs.models import Invitation, Membership, MentorRequest, Participation
from selection.models import Conflict
from tests.config.site_urls import SKIPPED_NAMESPACES, filled, routes
from tests.evaluations.internship_world import running_internship
from tests.factories import (
    CandidacyFactory,
    CertificateFactory,
    ContributionFactory,
    OrganizationFactory,
    ParticipationFactory,
)
from tests.notifications.outbox_helpers import message_for
from tests.projects.idea_rows import make_idea
from tests.selection.interviews.world import booked_interview

pytestmark = pytest.mark.django_db

# Each kind of hostile value, with the value every run sends first; CI sends the second too.
HOSTILE: dict[str, tuple[str, ...]] = {
    # About 100 KB as sent (a query's "é" travels as six characters).
    "very long": ("x" * 100_000, "é" * 15_000 + "\n" * 1000),
    "control characters": ("a\x00b\x01c\x1fd\x7f\re\x0b", "\x00"),
    "unicode digits": ("²", "١٢٣"),
    "huge number": ("9" * 4_300, "1e309"),
    "negative number": ("-1", "-99999999999999999999"),
    "javascript link": ("javascript:alert(1)", "java\tscript:alert(1)"),
    "markup": ("<script>alert(1)</script>\"'><img src=x onerror=alert(1)>", "{{ 7*7 }}{% x %}"),
    "sql quotes": ("' OR '1'='1'; --", '"); DROP TABLE x; --'),
    "impossible date": ("2027-02-30", "2027-13-45T25:61"),
    "daylight-saving gap": ("2027-03-28T02:30", "2027-03-14 02:30"),
    "unknown choice": ("no-such-choice", "0"),
    "empty": ("", " "),
}
CI = os.environ.get("CI", "").lower() == "true"
VALUES_PER_KIND = 2 if CI else 1
# In a query string these are text like any other (no view stores a query or makes it a
# link), so they go into queries only under CI; forms get them on every run.
NOT_IN_QUERIES = set() if CI else {"javascript link", "markup", "sql quotes"}
# The fallback below names every field at once: a very long value in each is megabytes.
NOT_IN_FALLBACK = set() if CI else {"very long"}
# Kinds that also go into the fields a browser fills from the page (choices, hidden
# values, buttons); the others go into the fields a person types into.
EVERY_FIELD = {"unknown choice", "huge number", "control characters", "very long", "empty"}
TYPED = {
    "text", "textarea", "search", "email", "url", "number", "date", "datetime-local",
    "time", "password", "tel",
}  # fmt: skip
# Query parameters the views read, added to those of the page's own GET forms.
QUERY_PARAMETERS = (
    "page", "q", "status", "after", "next", "language", "skill", "tag", "verdict",
)  # fmt: skip
ACCOUNT_PAGES = [
    ("account", "/accounts/login/"),
    ("account", "/accounts/signup/"),
    ("account", "/accounts/password/reset/"),
    ("account", "/accounts/email/"),
    ("account", "/accounts/password/change/"),
]
INTERNSHIP_PAGES = (
    "evaluations:internship",
    "evaluations:internship_withdraw",
    "evaluations:internship_extend",
    "evaluations:meeting",
    "evaluations:meeting_confirm",
    "evaluations:evaluation",
    "evaluations:decide",
    "evaluations:alumni_listing",
    "evaluations:certificate",
    "evaluations:certificate_revoke",
)
# Loosely: a page that spends a second over one request is a page an attacker can hold.
# Counted in this process's CPU time, not on the wall clock: on a machine busy with other
# work a request waits without being slow, and the test must not fail for it.
SLOW = 1.0
# Posting there would end the very session being tested.
NOT_POSTED = {"/accounts/logout/"}


@dataclass
class PageForm:
    method: str
    action: str
    typed: list[str] = field(default_factory=list)
    given: dict[str, str] = field(default_factory=dict)
    formactions: list[str] = field(default_factory=list)


class FormsOnPage(HTMLParser):
    """The forms of a page: where each posts, which fields a person types into, and the
    values the page itself fills in (hidden fields, choices, checkboxes)."""

    def __init__(self, url: str):
        super().__init__()
        self.url = url
        self.forms: list[PageForm] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            action = urljoin(self.url, attrs.get("action") or self.url)
            self.forms.append(PageForm(attrs.get("method", "get").lower(), action))
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = attrs.get("name")
        if tag == "button" or (tag == "input" and attrs.get("type") == "submit"):
            if attrs.get("formaction"):
                form.formactions.append(urljoin(self.url, attrs["formaction"]))
            if name:
                form.given.setdefault(name, attrs.get("value", ""))
        elif tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", "text").lower()
            if kind in TYPED:
                form.typed.append(name)
            elif kind not in ("checkbox", "radio") or "checked" in attrs:
                form.given.setdefault(name, attrs.get("value", "on"))
        elif tag == "textarea" and name:
            form.typed.append(name)
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            form.given.setdefault(self._select, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


@pytest.fixture
def world(participation, program_admin, org_admin, mentor, applicant, outsider):
    """A round with something behind every address: an idea, an application waiting for a
    decision, an invitation, a request to mentor, a message in the outbox, a contribution."""
    for person in (program_admin, org_admin, mentor, applicant):
        person.timezone = "Europe/Berlin"  # so the daylight-saving gap is one
        person.save(update_fields=["timezone"])
    ParticipationFactory(
        round=participation.round,
        organization=OrganizationFactory(name="Ganeti", slug="ganeti"),
        status=Participation.Status.APPLIED,
    )
    idea = make_idea(participation, "Disk backup tool", mentors=(mentor, org_admin))
    invitation = Invitation.objects.create(
        participation=participation,
        email="new@example.org",
        token_hash="0" * 64,
        invited_by=org_admin,
        expires_at=timezone.now() + timedelta(days=7),
    )
    asked = MentorRequest.objects.create(
        participation=participation,
        user=applicant,
        motivation="I maintain the block layer.",
        topics="Storage.",
        hours_per_week=5,
    )
    message = message_for(org_admin, status=Message.Status.FAILED)
    contribution = ContributionFactory(applicant=applicant, participation=participation)
    # A ranked proposal (the selection page's row and its button) and an open conflict.
    candidacy = CandidacyFactory(
        proposal__application__applicant=applicant,
        proposal__application__round=participation.round,
        proposal__idea=idea,
        rank=1,
    )
    conflict = Conflict.objects.create(
        round=participation.round, applicant=candidacy.applicant, opened_at=timezone.now()
    )

    interview, free_slot = booked_interview(participation, mentor, applicant)
    values = {
        "program": participation.round.program.slug,
        "round": participation.round.slug,
        "round_slug": participation.round.slug,
        "org_slug": participation.organization.slug,
        "idea_slug": idea.slug,
        "token": "not-a-token",
        "phase": "midterm",
    }
    pk_of = {
        "programs:invitation_revoke": invitation.pk,
        "programs:mentor_request": asked.pk,
        "programs:mentor_request_decide": asked.pk,
        "programs:membership_end": Membership.objects.get(user=mentor).pk,
        "notifications:retry": message.pk,
        "applications:contribution_edit": contribution.pk,
        "applications:contribution_review": contribution.pk,
        "selection:conflict": conflict.pk,
        "selection:interview": interview.pk,
        "selection:interview_cancel": interview.pk,
        "selection:interview_ics": interview.pk,
        "selection:interview_book": free_slot.pk,
        "selection:interview_invite": interview.invitation.candidacy_id,
    }
    # An internship four and a half weeks in: the applicant its intern, the mentor its mentor.
    internship = running_internship(participation, applicant, [mentor])
    pk_of.update(dict.fromkeys(INTERNSHIP_PAGES, internship.pk))
    # Its certificate (as if completed) for the public verification page, and an export of
    # the round's payments for its CSV.
    values["code"] = CertificateFactory(internship=internship).code
    pk_of["evaluations:payment_export"] = PaymentExport.objects.create(
        round=participation.round, by=program_admin, at=timezone.now()
    ).pk
    pages = [
        (name, filled(route, {**values, "pk": str(pk_of.get(name, 0))}))
        for name, route in routes()
        if not name.startswith(SKIPPED_NAMESPACES)
    ]
    return pages + ACCOUNT_PAGES


class Fuzzer:
    def __init__(self, client: Client):
        self.client = client
        self.requests = 0
        self.failures: list[str] = []

    def send(self, method: str, url: str, data: dict[str, str]) -> object:
        started = time.process_time()
        if method == "post":
            # Rolled back, so the next form meets the same world.
            with transaction.atomic():
                response = self.client.post(url, data)
                transaction.set_rollback(True)
        else:
            response = self.client.get(url, data)
        took = time.process_time() - started
        self.requests += 1

        where = (
            f"{method.upper()} {url} with {sorted(data)} = {next(iter(data.values()), '')[:20]!r}"
        )
        if response.status_code >= 500:
            self.failures.append(f"{where} answered {response.status_code}")
        elif took > SLOW:
            self.failures.append(f"{where} took {took:.2f} s of CPU")
        return response


def _forms(response, url: str) -> list[PageForm]:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = FormsOnPage(url)
    parser.feed(response.content.decode())
    return [form for form in parser.forms if urlsplit(form.action).netloc in ("", "testserver")]


def _local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _filled(form: PageForm, kind: str, value: str) -> dict[str, str]:
    data = {name: value if kind in EVERY_FIELD else given for name, given in form.given.items()}
    data.update(dict.fromkeys(form.typed, value))
    return data


@pytest.mark.parametrize(
    "persona", ["anonymous", "applicant", "mentor", "org_admin", "program_admin"]
)
def test_no_page_answers_500_or_lingers_over_hostile_input(world, persona, request):
    # Enforces no CSRF (the values are what is tested here); a 500 is recorded, not raised,
    # so one run lists every failing page.
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    fuzzer = Fuzzer(client)
    anonymous = Client(raise_request_exception=False)
    values = [
        (kind, value) for kind, choices in HOSTILE.items() for value in choices[:VALUES_PER_KIND]
    ]

    posted: set[tuple[str, tuple[str, ...]]] = set()
    post_only: list[str] = []
    answered = 0
    for _name, url in world:
        response = fuzzer.send("get", url, {})
        if response.status_code == 405:
            post_only.append(url)
        forms = _forms(response, url)
        answered += bool(forms) or response.status_code == 200
        public = persona != "anonymous" and anonymous.get(url).status_code == 200
        if response.status_code == 200 and (CI or not public):
            parameters = set(QUERY_PARAMETERS)
            for form in forms:
                if form.method == "get":
                    parameters |= set(form.typed) | set(form.given)
            for kind, value in values:
                if kind not in NOT_IN_QUERIES:
                    fuzzer.send("get", url, dict.fromkeys(parameters, value))
        for form in forms:
            if form.method != "post":
                continue
            for action in [form.action, *form.formactions]:
                target = _local(action)
                fields = tuple(sorted({*form.typed, *form.given}))
                if (target, fields) in posted or urlsplit(target).path in NOT_POSTED:
                    continue
                posted.add((target, fields))
                for kind, value in values:
                    fuzzer.send("post", target, _filled(form, kind, value))

    # Addresses that only take a POST and whose form this person was not shown (an action
    # for another state, another role): posted anyway, with every field name seen.
    every_field = sorted({name for _, fields in posted for name in fields})
    for url in post_only:
        if not any(urlsplit(target).path == url for target, _ in posted):
            for kind, value in values:
                if kind not in NOT_IN_FALLBACK:
                    fuzzer.send("post", url, dict.fromkeys(every_field, value))

    assert not fuzzer.failures, "\n".join(fuzzer.failures)
    # The fuzzing reached the pages, not only their refusals and log-in redirects.
    assert answered >= 5
    assert posted, "no form was found to post"
    if persona != "anonymous":  # and the person stayed signed in throughout
        assert client.get("/profile/").status_code == 200
