"""`make run`'s two processes, the web server and a Celery worker with beat, kept together:
when either stops, the other is stopped too, with a message that says which and why.

Without this, a worker that died (a crash, a broken queue folder) left the web server serving
as if nothing happened, while no reminder and no email went out any more.

    python -m config.supervisor --port 8000
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Process:
    name: str
    command: list[str]
    # What stops working without it, for the message when it stops.
    without_it: str


WORKER_ARGUMENTS = (
    "-m celery -A config worker --beat --pool solo --loglevel WARNING "
    "--schedule var/celery/beat-schedule"
)


def local_processes(port: int) -> list[Process]:
    python = sys.executable
    return [
        Process(
            "The Celery worker",
            [python, *WORKER_ARGUMENTS.split()],
            "no reminder or email would go out",
        ),
        Process(
            "The web server",
            [python, "manage.py", "runserver", f"127.0.0.1:{port}"],
            "the site would not answer",
        ),
    ]


def _stop(running: list[subprocess.Popen], grace_seconds: float) -> None:
    """Stop each process with everything it started (runserver's reloader runs the server
    in a child): its whole process group, politely first."""
    for process in running:
        _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    for process in running:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group is gone already
        os.killpg(process.pid, signum)


def supervise(
    processes: list[Process],
    *,
    out: TextIO = sys.stderr,
    poll_seconds: float = 0.5,
    grace_seconds: float = 10,
) -> int:
    """Run every process until one stops (or Ctrl-C); then stop the others. Returns the exit
    code to leave with: the stopped process's (1 if it said 0 or was killed), or 0 after
    Ctrl-C."""
    # Each in its own process group, so Ctrl-C reaches only this process, which stops them
    # in order; and so stopping one stops what it started.
    running = [
        subprocess.Popen(process.command, start_new_session=True)  # noqa: S603
        for process in processes
    ]
    try:
        while True:
            for process, popen in zip(processes, running, strict=True):
                code = popen.poll()
                if code is not None:
                    others = " and ".join(p.name.lower() for p in processes if p is not process)
                    out.write(
                        f"\n{process.name} stopped ({_how(code)}): {process.without_it}, "
                        f"so {others} is stopped too. Its output above says why; "
                        "then run `make run` again.\n"
                    )
                    return code if code > 0 else 1
            time.sleep(poll_seconds)
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(running, grace_seconds)


def _how(code: int) -> str:
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    # A `kill` of this process stops the others too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sys.exit(supervise(local_processes(parser.parse_args().port)))


if __name__ == "__main__":
    main()
