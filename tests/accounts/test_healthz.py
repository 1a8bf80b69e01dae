"""/healthz tells a monitor whether the portal is up, without leaking details; public pages
answer 503 with Retry-After while the database is unreachable."""

import json
import time

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client
from django.urls import path

SECRETS = ["127.0.0.1", ":9", "http", "opensearch", "Connection", "connect", str(django_settings.BASE_DIR)]


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and response["X-Health-Status"] == "ok"
    assert body["failing"] == []
    assert body["checks"] == {"database": "ok", "search": "ok", "cache": "ok", "disk": "ok"}


def test_search_engine_stopped_is_degraded_quickly(client, settings, db):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX_PREFIX": "pbgdpl_healthz_",
            "TIMEOUT": 1,
        }
    }
    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started
    assert response.status_code == 503, "200 means everything is up"
    body = response.json()
    assert body["status"] == "degraded" and response["X-Health-Status"] == "degraded"
    assert body["failing"] == ["search"]
    assert body["checks"]["database"] == "ok"
    assert elapsed < 5
    text = json.dumps(body)
    for secret in SECRETS:
        assert secret not in text


def test_disk_full_is_down(client, settings, db):
    settings.HEALTHZ_MIN_FREE_DISK_MB = 10**12
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down" and response["X-Health-Status"] == "down"
    assert response.json()["failing"] == ["disk"]
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.fixture
def database_down(django_db_blocker):
    """The default connection really points at nothing: a closed port, or a file that cannot exist."""
    original = connections["default"]
    unreachable = dict(original.settings_dict)
    if original.vendor == "postgresql":
        unreachable.update(
            HOST="127.0.0.1", PORT="9", OPTIONS={**unreachable["OPTIONS"], "connect_timeout": 2}
        )
    else:
        unreachable["NAME"] = "/khong-co-thu-muc-nay/pbgdpl.sqlite3"
    broken = original.__class__(unreachable, alias="default")
    connections["default"] = broken
    try:
        with django_db_blocker.unblock():
            yield
    finally:
        broken.close()
        connections["default"] = original


def test_public_page_answers_503_with_retry_after_when_the_database_is_down(database_down):
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="portal.test")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Cổng thông tin tạm thời gián đoạn" in page
    assert "<main>" in page and "<h1>" in page
    for secret in SECRETS:
        assert secret not in page


def test_healthz_names_the_database_when_it_is_down(database_down):
    response = Client(raise_request_exception=False).get("/healthz", HTTP_HOST="portal.test")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down" and response["X-Health-Status"] == "down"
    assert "database" in body["failing"] and body["checks"]["database"] == "fail"
    text = json.dumps(body)
    for secret in SECRETS:
        assert secret not in text


@pytest.mark.urls("tests.accounts.test_healthz")
def test_other_errors_stay_500(client, db):
    response = Client(raise_request_exception=False).get("/hong")
    assert response.status_code == 500
    assert "Retry-After" not in response


def broken_view(request):
    raise ValueError("not a database failure")


urlpatterns = [path("hong", broken_view)]
