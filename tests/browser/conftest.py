"""Browser tests: Playwright driving Debian's Chromium (Playwright cannot download its own here).

Without a Chromium binary these tests skip, except under CI=true, where that is a failure.
Run them with `pytest tests/browser -m e2e -p no:xdist`.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM then refuses to run
# unless told it is safe, which it is in a test process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session", autouse=True)
def chromium_present():
    """Runs before the session's browser launches, so a missing binary skips cleanly."""
    if os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Chromium is required under CI=true but {CHROMIUM} does not exist.")
    pytest.skip(f"no Chromium at {CHROMIUM}; set CHROMIUM_PATH or install chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",  # we run as root
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "America/New_York", "locale": "en-GB"}


@pytest.fixture
def page_as(live_server, new_context):
    """`page_as(user)`: a page in a browser context of its own, signed in as `user`.

    The session cookie comes from django.test.Client.force_login, saved in the test database
    the live server reads: faster than the login form, which the signup journey covers.
    """
    from django.conf import settings
    from django.test import Client

    def open_page(user):
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        context = new_context()
        context.add_cookies(
            [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
        )
        return context.new_page()

    return open_page
