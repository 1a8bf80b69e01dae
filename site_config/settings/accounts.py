"""Security settings of the accounts app, imported at the end of the base settings.

Everything here can be tuned from the environment; see README "Accounts and security".
They live in site_config because the accounts app may not import site_config (the
import layers), and its settings read the environment through site_config.env.
"""

import datetime
from urllib.parse import urlsplit

from site_config.env import env_bool, env_float, env_int, env_list, env_pairs, env_str

# Axes first, so that a locked-out account is refused before its password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failures for one account OR from one IP address lock that account or address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0, minimum=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# E-mail (password reset, workflow notifications).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILUSERS_PASSWORD_ENABLED = True

# Two-factor sign-in (TOTP) for staff; compulsory for system administrators if set.
REQUIRE_2FA_FOR_SUPERUSERS = env_bool("REQUIRE_2FA_FOR_SUPERUSERS")
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "PBGDPL")

# Uploads are checked by content (core/uploads.py, used by accounts/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "accounts.uploads.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "accounts.uploads.SafeImageForm"
UPLOAD_MAX_DOCUMENT_MB = env_int("UPLOAD_MAX_DOCUMENT_MB", 50, minimum=1)
UPLOAD_MAX_IMAGE_MB = env_int("UPLOAD_MAX_IMAGE_MB", 10, minimum=1)
UPLOAD_MAX_MEDIA_MB = env_int("UPLOAD_MAX_MEDIA_MB", 200, minimum=1)
# Wagtail's own size checks use the same limits.
WAGTAILDOCS_MAX_UPLOAD_SIZE = UPLOAD_MAX_DOCUMENT_MB * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = UPLOAD_MAX_IMAGE_MB * 1024 * 1024

# Headers. Framing is refused everywhere except views marked core.framing.embeddable,
# which the origins listed here may frame.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
EMBED_ALLOWED_ORIGINS = env_list("EMBED_ALLOWED_ORIGINS")
# Wagtail's user bar on public pages loads its files from WAGTAILADMIN_BASE_URL,
# which is another origin than a unit's subdomain; set here so the policy below uses it.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
_admin_url = urlsplit(WAGTAILADMIN_BASE_URL)
_ADMIN_ORIGIN = [f"{_admin_url.scheme}://{_admin_url.netloc}"] if _admin_url.netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_ADMIN_ORIGIN],
        # Inline styles stay allowed: Wagtail's responsive embeds and the user bar set
        # style attributes; scripts, the real risk, come from known origins only.
        "style-src": ["'self'", "'unsafe-inline'", *_ADMIN_ORIGIN],
        "img-src": ["'self'", "data:", *_ADMIN_ORIGIN],
        "media-src": ["'self'"],
        "font-src": ["'self'", *_ADMIN_ORIGIN],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin (staff only, behind login) uses inline scripts and styles;
# the public-page policy above is not applied under these prefixes.
CSP_EXEMPT_PATH_PREFIXES = ["/admin/"]

# Feeds in (feeds/fetching.py): seconds before a source gives up, bytes read at most.
FEEDS_TIMEOUT = env_int("FEEDS_TIMEOUT", 10, minimum=1)
FEEDS_MAX_BYTES = env_int("FEEDS_MAX_BYTES", 2 * 1024 * 1024, minimum=1024)

# Sync with the national portal (portal_sync): pulling (sync_portal) and pushing
# marked content to its intake (push_portal) as HMAC-signed deliveries.
SYNC_TIMEOUT = env_int("SYNC_TIMEOUT", 30, minimum=1)
SYNC_MAX_BYTES = env_int("SYNC_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)
SYNC_PUSH_URL = env_str("SYNC_PUSH_URL", "").strip()
SYNC_PUSH_KEY_ID = env_str("SYNC_PUSH_KEY_ID", "").strip()
SYNC_PUSH_SECRET = env_str("SYNC_PUSH_SECRET", "")
# Seconds before the first retry of a failed delivery; each failure doubles it, up to SYNC_RETRY_MAX.
SYNC_RETRY_BASE = env_int("SYNC_RETRY_BASE", 60, minimum=1)
SYNC_RETRY_MAX = env_int("SYNC_RETRY_MAX", 6 * 3600, minimum=1)
# Senders this portal's intake (/api/v1/intake/) accepts: "key-id:secret,key-id:secret".
SYNC_INTAKE_KEYS = env_pairs("SYNC_INTAKE_KEYS")
# How far a delivery's timestamp may be from the clock here (seconds): older ones are replays.
SYNC_MAX_SKEW = env_int("SYNC_MAX_SKEW", 300, minimum=1)

# The open API (/api/v1/): requests per address and minute, on the shared cache.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 300, minimum=1)

# Public forms (core/forms_protection.py).
PUBLIC_FORM_RATE_LIMIT = env_int("PUBLIC_FORM_RATE_LIMIT", 5, minimum=1)
PUBLIC_FORM_RATE_WINDOW = env_int("PUBLIC_FORM_RATE_WINDOW", 600, minimum=1)

# /healthz
HEALTHZ_SEARCH_TIMEOUT = env_float("HEALTHZ_SEARCH_TIMEOUT", 2.0, minimum=0)
HEALTHZ_MIN_FREE_DISK_MB = env_int("HEALTHZ_MIN_FREE_DISK_MB", 500, minimum=0)

# Intrusion warnings (accounts/intrusion.py): e-mail to the system administrators and a
# panel on their dashboard. Failed logins for this many different accounts from one
# address, or this many refused admin requests by one address or account, within the
# window raise an alert; a lockout always does. One alert per address and kind per cooldown.
INTRUSION_FAILED_ACCOUNTS = env_int("INTRUSION_FAILED_ACCOUNTS", 3, minimum=2)
INTRUSION_FAILED_WINDOW_MINUTES = env_int("INTRUSION_FAILED_WINDOW_MINUTES", 15, minimum=1)
INTRUSION_DENIALS = env_int("INTRUSION_DENIALS", 20, minimum=2)
INTRUSION_DENIALS_WINDOW_MINUTES = env_int("INTRUSION_DENIALS_WINDOW_MINUTES", 5, minimum=1)
INTRUSION_ALERT_COOLDOWN_MINUTES = env_int("INTRUSION_ALERT_COOLDOWN_MINUTES", 60, minimum=1)
INTRUSION_ALERT_EMAILS = env_list("INTRUSION_ALERT_EMAILS")
