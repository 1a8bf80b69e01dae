"""Local development: `make run` on SQLite and the database search backend."""

from site_config.env import env_int, env_list

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,.localhost,127.0.0.1")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
PORTAL_PORT = env_int("PORTAL_PORT", 8000, minimum=1)
