"""Settings come from the environment; production refuses to run insecurely."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(settings_module, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check("site_config.settings.production", ALLOWED_HOSTS=".binhan.gov.vn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_real_settings():
    result = run_check(
        "site_config.settings.production",
        SECRET_KEY="k" * 20 + "-production-secret-0123456789",
        ALLOWED_HOSTS=".binhan.gov.vn",
    )
    assert result.returncode == 0, result.stderr


def test_unknown_search_backend_is_refused():
    result = run_check("site_config.settings.dev", SEARCH_BACKEND="solr")
    assert result.returncode != 0
    assert "SEARCH_BACKEND='solr'" in result.stderr


def test_unknown_cache_backend_is_refused():
    result = run_check("site_config.settings.dev", CACHE_BACKEND="memcache")
    assert result.returncode != 0
    assert "CACHE_BACKEND='memcache'" in result.stderr


def test_the_database_cache_is_accepted():
    result = run_check("site_config.settings.dev", CACHE_BACKEND="database")
    assert result.returncode == 0, result.stderr


def cache_backend(settings_module, **env):
    """The default cache's backend and location as the given settings compute them."""
    environment = {k: v for k, v in os.environ.items() if k not in {"CACHE_BACKEND", "REDIS_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "c = settings.CACHES['default']; print(c['BACKEND'], c['LOCATION'])",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


PRODUCTION = {"SECRET_KEY": "k" * 20 + "-production-secret-0123456789", "ALLOWED_HOSTS": ".binhan.gov.vn"}


def test_production_shares_one_cache_between_workers_by_default():
    assert cache_backend("site_config.settings.production", **PRODUCTION) == [
        "django.core.cache.backends.db.DatabaseCache",
        "pbgdpl_cache",
    ]
    assert cache_backend(
        "site_config.settings.production", REDIS_URL="redis://127.0.0.1:6379/1", **PRODUCTION
    ) == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/1",
    ]
    # make run keeps one cache per process
    assert cache_backend("site_config.settings.dev")[0] == "django.core.cache.backends.locmem.LocMemCache"


def test_redis_without_an_address_is_refused():
    result = run_check("site_config.settings.dev", CACHE_BACKEND="redis")
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_migrate_creates_the_database_cache_table(db, settings):
    from django.db import connection

    from core.apps import create_cache_tables

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "pbgdpl_cache_probe",
        }
    }
    assert "pbgdpl_cache_probe" not in connection.introspection.table_names()
    create_cache_tables()
    assert "pbgdpl_cache_probe" in connection.introspection.table_names()
