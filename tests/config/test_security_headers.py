"""A Content-Security-Policy without inline script, and a Permissions-Policy, on every page: in
tests, and under production settings (DEBUG=false) in a process of their own.

The policy allows scripts and styles only from the site's static files, so the templates may
hold no inline <script>, no on*= handler, no style="" and no javascript: link; a test reads
every template for them. Emails are not pages (mail programs do not run scripts, and they
need inline styles), so their templates are left out.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "inline style": re.compile(r"<[^>]*\sstyle\s*=|<style\b", re.IGNORECASE),
    "javascript: link": re.compile(r"javascript:", re.IGNORECASE),
}


def page_templates() -> list[Path]:
    found = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(folder).rglob("*.html"):
            is_email = "email" in path.parent.parts or "emails" in path.parent.parts
            if not is_email and not path.name.endswith("-body.html"):
                found.append(path)
    return found


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_strict(headers: dict[str, str]) -> None:
    policy = directives(headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in headers["Content-Security-Policy"]
    features = dict(item.strip().split("=") for item in headers["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_the_page_templates_hold_no_inline_script_or_style():
    templates = page_templates()
    assert len(templates) > 30
    offences = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in templates
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text())
    ]
    assert offences == []


def test_htmx_injects_no_style_of_its_own(client, db):
    page = client.get(reverse("programs:home")).content.decode()

    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page)
    assert config is not None
    assert json.loads(config[1])["includeIndicatorStyles"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_sends_the_policies(client, applicant, signed_in):
    if signed_in:
        client.force_login(applicant)
    for url in (reverse("programs:home"), reverse("account_login"), "/no-such-page/"):
        response = client.get(url)
        assert_strict(response.headers)


# Run under production settings: migrate an in-memory database, fetch pages, print headers.
PRODUCTION_SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from people.models import User

call_command("migrate", verbosity=0)
client = Client()
answers = {}
for url in ("/", "/accounts/login/", "/no-such-page/"):
    response = client.get(url, secure=True)
    answers[url] = {"status": response.status_code, **response.headers}
client.force_login(User.objects.create_user("ana@example.org"))
response = client.get("/profile/", secure=True)
answers["/profile/"] = {"status": response.status_code, **response.headers}
print(json.dumps(answers))
"""


def test_production_settings_send_the_policies_and_keep_private_pages_out_of_caches():
    keep = {"PATH", "HOME", "LANG", "TMPDIR", "SYSTEMROOT"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.config.production_settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="sqlite://:memory:",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", PRODUCTION_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    assert [answers[url]["status"] for url in answers] == [200, 200, 404, 200]
    for headers in answers.values():
        assert_strict(headers)
    assert answers["/profile/"]["Cache-Control"] == "private, no-store"
