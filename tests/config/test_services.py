"""The real services CI points the suite at: PostgreSQL for data, Redis for cache and broker.

These skip on a laptop without them and fail under CI=true (see tests/conftest.py).
"""

import pytest
from django.core.cache import cache
from django.db import connection


@pytest.mark.django_db
def test_the_database_is_postgresql_when_database_url_says_so(requires_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


def test_the_cache_lives_in_redis_when_redis_url_is_set(requires_redis, settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("probe", {"answer": 42}, timeout=30)
    assert cache.get("probe") == {"answer": 42}
    cache.delete("probe")
