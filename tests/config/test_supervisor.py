"""`make run`'s supervisor: when the worker dies, the site does not go on as if nothing
happened; it stops, saying why."""

import io
import os
import sys

import pytest

from config.supervisor import Process, supervise

PYTHON = sys.executable


def test_when_the_worker_dies_the_web_server_is_stopped_with_a_message(tmp_path):
    pid_file = tmp_path / "web.pid"
    web = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    out = io.StringIO()
    code = supervise(
        [
            Process(
                "The Celery worker",
                [PYTHON, "-c", "import time, sys; time.sleep(0.5); sys.exit(3)"],
                "no reminder or email would go out",
            ),
            Process("The web server", [PYTHON, "-c", web], "the site would not answer"),
        ],
        out=out,
        poll_seconds=0.05,
    )
    assert code == 3
    assert "The Celery worker stopped (exit code 3): no reminder or email would go out" in (
        out.getvalue()
    )
    assert "so the web server is stopped too" in out.getvalue()
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_a_process_that_ends_with_success_still_stops_the_run_with_an_error():
    out = io.StringIO()
    code = supervise(
        [
            Process("The web server", [PYTHON, "-c", "pass"], "the site would not answer"),
            Process("The Celery worker", [PYTHON, "-c", "import time; time.sleep(60)"], ""),
        ],
        out=out,
        poll_seconds=0.05,
    )
    assert code == 1
    assert "The web server stopped (exit code 0)" in out.getvalue()
