"""The settings refuse to run a production process on development defaults.

What the settings module decides is read in this process (`settings_from`: a fresh run of
config/settings.py under the given environment, a few milliseconds); a real process starts
twice, once on the embedded defaults and once with production settings under the deployment
checks, since only a process shows the whole site starts.
"""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

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


def settings_from(**env: str) -> dict:
    """The names config/settings.py defines when run under `env` (and nothing else of ours);
    the process's environment is given back afterwards."""
    ours = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    with mock.patch.dict(os.environ, clear=False):
        for name in ours:
            os.environ.pop(name, None)
        os.environ.update(env)
        return runpy.run_path(str(ROOT / "config" / "settings.py"))


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "internships.example.org",
}


def test_it_refuses_the_development_secret_key_when_debug_is_off():
    with pytest.raises(ImproperlyConfigured, match="set SECRET_KEY"):
        settings_from(DEBUG="false", ALLOWED_HOSTS="internships.example.org")


def test_it_refuses_empty_allowed_hosts_when_debug_is_off():
    with pytest.raises(ImproperlyConfigured, match="set ALLOWED_HOSTS"):
        settings_from(DEBUG="false", SECRET_KEY=PRODUCTION["SECRET_KEY"])


def test_it_rejects_a_misspelt_boolean_instead_of_reading_it_as_false():
    with pytest.raises(ImproperlyConfigured, match="DEBUG='ture' is not a boolean"):
        settings_from(DEBUG="ture")


@pytest.mark.parametrize("debug", ["true", "1", "yes", ""])
def test_each_spelling_of_true_and_no_setting_at_all_mean_development(debug):
    assert settings_from(DEBUG=debug)["DEBUG"] is True


def test_a_refusal_stops_the_process_with_the_reason():
    result = run_check(DEBUG="false", ALLOWED_HOSTS="internships.example.org")
    assert result.returncode != 0
    assert "set SECRET_KEY" in result.stderr


def test_it_runs_on_its_embedded_defaults_in_development():
    result = run_check()
    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = run_check("--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
