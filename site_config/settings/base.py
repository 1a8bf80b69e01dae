"""Settings shared by every environment, read from the environment where they vary.

Variables: DATABASE_URL, SEARCH_BACKEND (database | opensearch | elasticsearch),
SEARCH_URL, SEARCH_INDEX, SECRET_KEY, ALLOWED_HOSTS, MEDIA_ROOT,
PORTAL_BASE_DOMAIN, PORTAL_PORT, CACHE_BACKEND, CACHE_LOCATION.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from site_config.env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "core",
    "identity",
    "home",
    "multisite",
    "legal_docs",
    "council",
    "reporters",
    "questions",
    "contests",
    "search",
    "publicapi",
    "accounts",
    "feeds",
    "portal_sync",
    "library",
    "surveys",
    "statistics_reports",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "multisite.apps.UnitUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Its catalogue translates the admin's relative times ("2 giây trước").
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.unavailable.DatabaseUnavailableMiddleware",
    "core.middleware.ControlCharacterMiddleware",
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "multisite.middleware.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.AuditContextMiddleware",
    "accounts.intrusion.DenialMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "search.notices.AdminSearchNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "accounts.middleware.PortalCSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "multisite.context_processors.current_unit",
            ],
        },
    },
]

WSGI_APPLICATION = "site_config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first: the source language of every UI string is Vietnamese.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["site_config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

_CACHE_BACKENDS = {
    "locmem": ("django.core.cache.backends.locmem.LocMemCache", "pbgdpl"),
    "database": ("django.core.cache.backends.db.DatabaseCache", "pbgdpl_cache"),
    "redis": ("django.core.cache.backends.redis.RedisCache", ""),
}


def cache_settings(default):
    """CACHES from CACHE_BACKEND (``default`` when unset): locmem, database (a table
    that ``migrate`` creates), redis (at REDIS_URL) or a Django cache class path."""
    name = env_str("CACHE_BACKEND", "").strip() or default
    if name in _CACHE_BACKENDS:
        backend, location = _CACHE_BACKENDS[name]
    elif "." in name:
        backend, location = name, ""
    else:
        raise ImproperlyConfigured(
            f"CACHE_BACKEND={name!r}: expected locmem, database, redis or a cache class path"
        )
    if name == "redis":
        location = env_str("REDIS_URL", "")
        if not location:
            raise ImproperlyConfigured("CACHE_BACKEND=redis needs REDIS_URL, e.g. redis://127.0.0.1:6379/1")
    return {"default": {"BACKEND": backend, "LOCATION": env_str("CACHE_LOCATION", "") or location}}


# One cache per process for `make run` and the tests; production shares one (production.py).
CACHES = cache_settings("locmem")

# Wagtail
WAGTAIL_SITE_NAME = "Cổng thông tin điện tử Phổ biến, giáo dục pháp luật"
WAGTAILADMIN_USER_LOGIN_FORM = "multisite.admin_i18n.LoginForm"
# No third-party avatars (Gravatar): Wagtail shows its bundled default picture.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No "new Wagtail version" banner (and no call to Wagtail's servers) in the admin.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# WAGTAILADMIN_BASE_URL is set in accounts.py, whose content policy allows its origin.
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "rtf",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "txt",
    "zip",
    "mp3",
    "mp4",
    # The multimedia library (library app): video, audio and captions.
    "webm",
    "wav",
    "ogg",
    "m4a",
    "vtt",
]
# Pages of a publication's PDF that get page images (library.rendering).
LIBRARY_PDF_MAX_PAGES = env_int("LIBRARY_PDF_MAX_PAGES", 100, minimum=1)
# WAGTAILDOCS_MAX_UPLOAD_SIZE and WAGTAILIMAGES_MAX_UPLOAD_SIZE: accounts.py (UPLOAD_MAX_*_MB).
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Units get hostnames <code>.<PORTAL_BASE_DOMAIN>; PORTAL_PORT is the port the
# public reaches them on (80 behind a reverse proxy, 8000 for `make run`).
PORTAL_BASE_DOMAIN = env_str("PORTAL_BASE_DOMAIN", "localhost")
PORTAL_PORT = env_int("PORTAL_PORT", 80, minimum=1)

# Search: one switch chooses the engine; the index settings live in search/.
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "database").strip().lower()
# SEARCH_URL may list several nodes, comma-separated.
SEARCH_URLS = env_list("SEARCH_URL", "http://127.0.0.1:9200")
SEARCH_URL = ",".join(SEARCH_URLS)
SEARCH_INDEX = env_str("SEARCH_INDEX", "pbgdpl")
SEARCH_TIMEOUT = env_int("SEARCH_TIMEOUT", 5, minimum=1)
# Search statistics are written in batches (search/statistics.py): every this many
# seconds, or once this many different queries wait, per process.
# Seconds the search API may answer the same search again from the shared cache; the
# key holds the content version tokens, so a publication is visible at once (0: off).
SEARCH_ANSWER_SECONDS = env_int("SEARCH_ANSWER_SECONDS", 300, minimum=0)
SEARCH_STATS_FLUSH_SECONDS = env_int("SEARCH_STATS_FLUSH_SECONDS", 30, minimum=0)
SEARCH_STATS_FLUSH_QUERIES = env_int("SEARCH_STATS_FLUSH_QUERIES", 200, minimum=1)

_SEARCH_BACKEND_MODULES = {
    "database": "search.database",
    "opensearch": "search.backends.OpenSearchBackend",
    "elasticsearch": "search.backends.Elasticsearch8Backend",
}
if SEARCH_BACKEND not in _SEARCH_BACKEND_MODULES:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND={SEARCH_BACKEND!r}: expected one of {', '.join(_SEARCH_BACKEND_MODULES)}"
    )
if SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": _SEARCH_BACKEND_MODULES["database"]}}
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": _SEARCH_BACKEND_MODULES[SEARCH_BACKEND],
            "URLS": SEARCH_URLS,
            "INDEX_PREFIX": f"{SEARCH_INDEX}_",
            "TIMEOUT": SEARCH_TIMEOUT,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }

# Whole pages for anonymous visitors and HTTP caching (core/pagecache.py): seconds an
# unchanged page stays in the shared cache (0: off), may be kept by a browser and by a
# shared proxy (s-maxage). FRONTEND_CACHE_URL: a reverse proxy (deploy/nginx) that
# accepts PURGE requests for the URLs of a changed page and its ancestors.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600, minimum=0)
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 0, minimum=0)
PAGE_CACHE_PROXY_SECONDS = env_int("PAGE_CACHE_PROXY_SECONDS", 60, minimum=0)
PAGE_CACHE_EXEMPT_PREFIXES = [
    "/admin/",
    "/api/",
    "/search/",
    "/documents/",
    "/healthz",
    "/static/",
    "/media/",
]
FRONTEND_CACHE_URL = env_str("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
    if FRONTEND_CACHE_URL
    else {}
)

LOGIN_URL = "wagtailadmin_login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Accounts and security (the accounts app): lockout, e-mail, uploads, headers, health.
from .accounts import *  # noqa: E402

# Register imports (reporters): a sheet may hold at most this many rows; one with more
# than REPORTERS_IMPORT_BACKGROUND_ROWS is imported in the background with its progress shown.
REPORTERS_IMPORT_MAX_ROWS = env_int("REPORTERS_IMPORT_MAX_ROWS", 5000, minimum=1)
REPORTERS_IMPORT_BACKGROUND_ROWS = env_int("REPORTERS_IMPORT_BACKGROUND_ROWS", 300, minimum=1)
REPORTERS_IMPORT_THREADS = env_bool("REPORTERS_IMPORT_THREADS", True)

# Citizens' questions (questions): the answer is due within QUESTIONS_DEADLINE_DAYS working
# days (Monday–Friday, less QUESTIONS_HOLIDAYS, ISO dates); a client may send
# QUESTIONS_RATE_LIMIT questions and one e-mail address or phone number
# QUESTIONS_CONTACT_RATE_LIMIT questions per QUESTIONS_RATE_WINDOW seconds.
QUESTIONS_DEADLINE_DAYS = env_int("QUESTIONS_DEADLINE_DAYS", 15, minimum=1)
QUESTIONS_HOLIDAYS = env_list("QUESTIONS_HOLIDAYS")
QUESTIONS_RATE_LIMIT = env_int("QUESTIONS_RATE_LIMIT", 5, minimum=1)
QUESTIONS_CONTACT_RATE_LIMIT = env_int("QUESTIONS_CONTACT_RATE_LIMIT", 3, minimum=1)
QUESTIONS_RATE_WINDOW = env_int("QUESTIONS_RATE_WINDOW", 3600, minimum=1)
# Online contests (contests): a client may start CONTESTS_RATE_LIMIT attempts per
# PUBLIC_FORM_RATE_WINDOW seconds (a school's computer room shares one address); a
# submission arriving up to CONTESTS_SUBMIT_GRACE_SECONDS after the deadline (network delay) is accepted.
CONTESTS_RATE_LIMIT = env_int("CONTESTS_RATE_LIMIT", 60, minimum=1)
CONTESTS_SUBMIT_GRACE_SECONDS = env_int("CONTESTS_SUBMIT_GRACE_SECONDS", 10, minimum=0)
CONTESTS_IMPORT_MAX_ROWS = env_int("CONTESTS_IMPORT_MAX_ROWS", 5000, minimum=1)
# Citizens' attachments: private, outside MEDIA_ROOT, served only to the staff of the question's unit.
QUESTIONS_PRIVATE_ROOT = Path(env_str("QUESTIONS_PRIVATE_ROOT", str(BASE_DIR / "private-media")))
