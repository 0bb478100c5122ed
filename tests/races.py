"""Running calls at the same instant, each in its own thread with its own database connection:
the race tests' one way to make two requests really overlap on PostgreSQL."""

import threading

from django.db import connection


def at_once(*calls) -> list[BaseException]:
    """Run each call in its own thread, all released together; the errors they raised."""
    start = threading.Barrier(len(calls), timeout=10)
    errors: list[BaseException] = []

    def run(call):
        try:
            start.wait()
            call()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=[call]) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors
