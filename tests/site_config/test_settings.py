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
