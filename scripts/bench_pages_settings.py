"""Settings of scripts/bench_pages.py's gunicorn and of the benchmark process:
the test settings (no debug, the real middleware) with production's shared
database cache, the whole-page cache on, and a bare 20 KB view as the floor."""

from site_config.env import env_int
from site_config.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench_pages_urls"
CACHES = cache_settings("database")  # noqa: F405 - shared by the workers and the benchmark
PAGE_CACHE_SECONDS = 600
# As deployed (the test settings turn it off); bench_pages.py's second gunicorn sets 0.
SEARCH_ANSWER_SECONDS = env_int("SEARCH_ANSWER_SECONDS", 300, minimum=0)
PAGE_CACHE_EXEMPT_PREFIXES = [*PAGE_CACHE_EXEMPT_PREFIXES, "/__floor__/"]  # noqa: F405
