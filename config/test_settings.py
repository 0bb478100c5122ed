"""The test suite's settings: production settings plus what keeps tests fast and hermetic.

DATABASE_URL and REDIS_URL still apply, so CI runs the same suite on PostgreSQL and Redis.
"""

import os
import re

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Parallel test processes (pytest-xdist) each get their own Redis database, so one process
# clearing its cache or broker never disturbs another's. TEST_REDIS_DB_BASE moves the range, so
# two checkouts can run their suites on one Redis at the same time.
if REDIS_URL:  # noqa: F405
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    _base = int(os.environ.get("TEST_REDIS_DB_BASE", "10"))
    REDIS_URL = re.sub(r"(/\d*)?$", f"/{_base + _worker}", REDIS_URL.rstrip("/"), count=1)  # noqa: F405
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CELERY_BROKER_URL = REDIS_URL
