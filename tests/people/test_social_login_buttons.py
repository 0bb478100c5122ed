"""GitHub and GitLab login appear exactly when their keys are configured.

Settings install a provider only when its client id is in the environment, which is read once
at start-up, so this runs the site in a fresh process with those variables set.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

RENDER_LOGIN_PAGE = """
import django
django.setup()
from django.core.management import call_command
from django.test import Client
# Only the table the login page reads (allauth lists the apps of settings and of the database):
# migrating everything would cost this process four times as long.
call_command("migrate", "socialaccount", verbosity=0)
print(Client().get("/accounts/login/").content.decode())
"""


def login_page_with(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GITLAB_"))}
    clean.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL="sqlite://:memory:",
        DEBUG="true",
        ALLOWED_HOSTS="testserver",
        **env,
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", RENDER_LOGIN_PAGE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def test_github_and_gitlab_login_appear_when_their_keys_are_configured():
    page = login_page_with(
        GITHUB_CLIENT_ID="gh-id",
        GITHUB_SECRET="gh-secret",
        GITLAB_CLIENT_ID="gl-id",
        GITLAB_SECRET="gl-secret",
    )
    assert "Continue with GitHub" in page
    assert "/accounts/github/login/" in page
    assert "Continue with GitLab" in page
    assert "/accounts/gitlab/login/" in page


def test_only_the_configured_provider_appears():
    page = login_page_with(GITLAB_CLIENT_ID="gl-id", GITLAB_SECRET="gl-secret")
    assert "Continue with GitLab" in page
    assert "GitHub" not in page
