"""Local development: `make run` on SQLite and the database search backend."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,.localhost,127.0.0.1")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
PORTAL_PORT = int(os.environ.get("PORTAL_PORT", "8000"))  # noqa: F405
