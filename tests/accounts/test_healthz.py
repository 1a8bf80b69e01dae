"""/healthz tells a monitor whether the portal is up, without leaking details."""

import json
import time

from django.conf import settings as django_settings


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
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
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"] == "fail"
    assert body["checks"]["database"] == "ok"
    assert elapsed < 5
    text = json.dumps(body)
    for secret in ["127.0.0.1", ":9", "http", "opensearch", "Connection", str(django_settings.BASE_DIR)]:
        assert secret not in text


def test_disk_full_is_down(client, settings, db):
    settings.HEALTHZ_MIN_FREE_DISK_MB = 10**12
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["checks"]["disk"] == "fail"
    assert response["Cache-Control"].startswith("max-age=0")
