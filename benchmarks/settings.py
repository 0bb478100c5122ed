"""The benchmark's settings: the site's own, with the floor page's URLconf and no debugging.

DEBUG is turned off after the site's settings are read, so pages render as in production
(no query log, no template debug information) while the development defaults that need no
deployment stay (no HTTPS redirect, static files without a manifest). The cache is the
process's own memory: a page cached for anonymous visitors is timed as served from a cache,
without the network round trip to Redis that production adds.
"""

import warnings

from config.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.urls"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# WhiteNoise looks for collected static files, which only a deployment has (collectstatic).
warnings.filterwarnings("ignore", "No directory at", UserWarning)
