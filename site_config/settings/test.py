"""Tests: the same settings as production in what matters, fast hashing, and a
separate search index so a test run never touches a real portal's index."""

from site_config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_BASE_DOMAIN = "portal.test"
PORTAL_PORT = 80
REQUIRE_SERVICES = env_bool("REQUIRE_SERVICES")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Each pytest-xdist worker (gw0, gw1 …) has its own test database (pytest-django adds
# the suffix) and its own indexes, so workers never see each other's documents.
TEST_WORKER = env_str("PYTEST_XDIST_WORKER", "")
if SEARCH_BACKEND != "database":  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = (  # noqa: F405
        f"{SEARCH_INDEX}_test_" + (f"{TEST_WORKER}_" if TEST_WORKER else "")  # noqa: F405
    )
MEDIA_ROOT = BASE_DIR / ".cache" / f"test-media{TEST_WORKER}"  # noqa: F405
QUESTIONS_PRIVATE_ROOT = BASE_DIR / ".cache" / f"test-private{TEST_WORKER}"  # noqa: F405
# Whole-page caching is off for the suite, whose tests count queries and look at
# rendering; tests/core/test_pagecache.py turns it on to test it.
PAGE_CACHE_SECONDS = 0
# The search API's answer cache likewise (tests/search/test_answer_cache.py turns it on).
SEARCH_ANSWER_SECONDS = 0
# Search statistics are written when a test flushes them (search.statistics.flush),
# never in the middle of a test that counts its queries.
SEARCH_STATS_FLUSH_SECONDS = 3600
