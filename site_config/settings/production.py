"""Production: PostgreSQL, an OpenSearch/Elasticsearch cluster, behind a reverse proxy."""

from django.core.exceptions import ImproperlyConfigured

from site_config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403

DEBUG = False

# A cache shared by every worker and command, so that a change made anywhere (another
# worker, import_legal_docs, provision_unit) is seen everywhere at once: Redis when
# REDIS_URL is set, otherwise a table of the database that `migrate` creates.
CACHES = cache_settings("redis" if env_str("REDIS_URL", "") else "database")  # noqa: F405

if not SECRET_KEY or SECRET_KEY.startswith(("dev-", "test-")) or len(SECRET_KEY) < 40:  # noqa: F405
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 40 characters in production."
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the portal's hostnames in production.")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Monitors may poll /healthz over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS] + [  # noqa: F405
    f"https://*.{host.lstrip('.')}"
    for host in ALLOWED_HOSTS
    if host.startswith(".")  # noqa: F405
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
