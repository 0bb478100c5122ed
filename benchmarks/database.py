"""The benchmark's two PostgreSQL databases: created afresh each run, migrated once.

The database of DATABASE_URL holds the data at SCALE, a second one beside it (its name with
`_small`) the data at SCALE/10: the same tables and indexes, so a page's growth between them
is the growth with the round. Only a database whose name says "bench" is ever dropped, so a
DATABASE_URL left pointing at real data is refused instead of wiped.
"""

import psycopg
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections


class NotABenchDatabase(Exception):
    pass


def main_name() -> str:
    config = settings.DATABASES["default"]
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise NotABenchDatabase("DATABASE_URL must point at PostgreSQL (postgres://...).")
    if "bench" not in config["NAME"]:
        raise NotABenchDatabase(
            f"The benchmark drops and recreates its database; {config['NAME']!r} does not "
            "have 'bench' in its name, so it is left alone. Name one of its own."
        )
    return config["NAME"]


def small_name() -> str:
    return f"{main_name()}_small"


def _server() -> psycopg.Connection:
    config = settings.DATABASES["default"]
    return psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def use(name: str) -> None:
    """Point Django's connection at another of the benchmark's databases."""
    connections.close_all()
    connection.settings_dict["NAME"] = name
    caches["default"].clear()


def create() -> None:
    """Both databases, empty and migrated: the main one is migrated, then copied."""
    main, small = main_name(), small_name()
    connections.close_all()
    with _server() as server:
        for name in (small, main):
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{main}"')
    use(main)
    call_command("migrate", verbosity=0, interactive=False)
    connections.close_all()
    with _server() as server:
        server.execute(f'CREATE DATABASE "{small}" TEMPLATE "{main}"')


def settle() -> None:
    """VACUUM ANALYZE after the bulk seed: a running site's autovacuum keeps the planner's
    statistics and the visibility map current, while a database loaded a second ago has
    neither, and its plans (and index-only scans) would be those of empty tables."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def server_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]
