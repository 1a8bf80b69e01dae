"""Security settings of the accounts app, imported at the end of the base settings.

Everything here can be tuned from the environment; see README "Accounts and security".
"""

import datetime
import os
from urllib.parse import urlsplit


def _env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Axes first, so that a locked-out account is refused before its password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failures for one account OR from one IP address lock that account or address.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# E-mail (password reset, workflow notifications).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILUSERS_PASSWORD_ENABLED = True

# Two-factor sign-in (TOTP) for staff; compulsory for system administrators if set.
REQUIRE_2FA_FOR_SUPERUSERS = _env_bool("REQUIRE_2FA_FOR_SUPERUSERS")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "PBGDPL")

# Uploads are checked by content (accounts/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "accounts.uploads.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "accounts.uploads.SafeImageForm"
UPLOAD_MAX_DOCUMENT_MB = int(os.environ.get("UPLOAD_MAX_DOCUMENT_MB", "50"))
UPLOAD_MAX_IMAGE_MB = int(os.environ.get("UPLOAD_MAX_IMAGE_MB", "10"))
UPLOAD_MAX_MEDIA_MB = int(os.environ.get("UPLOAD_MAX_MEDIA_MB", "200"))

# Headers. Framing is refused everywhere except views marked accounts.security.embeddable,
# which the origins listed here may frame.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
EMBED_ALLOWED_ORIGINS = _env_list("EMBED_ALLOWED_ORIGINS")
# Wagtail's user bar on public pages loads its files from WAGTAILADMIN_BASE_URL,
# which is another origin than a unit's subdomain.
_admin_url = urlsplit(os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000"))
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

# Public forms (accounts/forms_protection.py).
PUBLIC_FORM_RATE_LIMIT = int(os.environ.get("PUBLIC_FORM_RATE_LIMIT", "5"))
PUBLIC_FORM_RATE_WINDOW = int(os.environ.get("PUBLIC_FORM_RATE_WINDOW", "600"))

# /healthz
HEALTHZ_SEARCH_TIMEOUT = float(os.environ.get("HEALTHZ_SEARCH_TIMEOUT", "2"))
HEALTHZ_MIN_FREE_DISK_MB = int(os.environ.get("HEALTHZ_MIN_FREE_DISK_MB", "500"))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = UPLOAD_MAX_IMAGE_MB * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = UPLOAD_MAX_DOCUMENT_MB * 1024 * 1024
