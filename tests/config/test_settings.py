"""The settings refuse to run a production process on development defaults."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE would fail the deployment check (async.E001).
    ours = {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in ours}
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "internships.example.org",
}


def test_it_refuses_the_development_secret_key_when_debug_is_off():
    result = run_check(DEBUG="false", ALLOWED_HOSTS="internships.example.org")
    assert result.returncode != 0
    assert "set SECRET_KEY" in result.stderr


def test_it_refuses_empty_allowed_hosts_when_debug_is_off():
    result = run_check(DEBUG="false", SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    assert "set ALLOWED_HOSTS" in result.stderr


def test_it_rejects_a_misspelt_boolean_instead_of_reading_it_as_false():
    result = run_check(DEBUG="ture")
    assert result.returncode != 0
    assert "DEBUG='ture' is not a boolean" in result.stderr


@pytest.mark.parametrize("debug", ["true", "1", "yes"])
def test_it_runs_on_its_embedded_defaults_in_development(debug):
    result = run_check(DEBUG=debug)
    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = run_check("--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
