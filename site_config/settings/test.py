"""Tests: the same settings as production in what matters, fast hashing, and a
separate search index so a test run never touches a real portal's index."""

from site_config.env import env_bool

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_BASE_DOMAIN = "portal.test"
PORTAL_PORT = 80
MEDIA_ROOT = BASE_DIR / ".cache" / "test-media"  # noqa: F405
REQUIRE_SERVICES = env_bool("REQUIRE_SERVICES")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
if SEARCH_BACKEND != "database":  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"{SEARCH_INDEX}_test_"  # noqa: F405
