"""``GET /healthz``: is the portal up? For uptime monitors (Uptime Kuma, Zabbix, Prometheus).

Answers JSON ``{"status": "ok|degraded|down", "failing": [...], "checks": {...}}``
with the names of the failing checks and one word per check, nothing else: no
host names, versions or error texts. HTTP 200 only for ok, so that every
monitor alerts on anything less by its default rule (non-2xx); 503 for both
degraded (search down: pages still work, search does not) and down (database,
cache or disk space failing), told apart by ``status`` in the body and the
``X-Health-Status`` header for monitors that grade severity.
"""

import shutil
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

OK, FAIL = "ok", "fail"


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def check_search():
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    es = getattr(backend, "es", None)
    if es is None:  # the database backend lives in the database
        return True
    timeout = settings.HEALTHZ_SEARCH_TIMEOUT
    if hasattr(es, "options"):  # elasticsearch 8 client
        return bool(es.options(request_timeout=timeout, max_retries=0).ping())
    return bool(es.ping(request_timeout=timeout))


def check_cache():
    key = f"pbgdpl:healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    value = cache.get(key)
    cache.delete(key)
    return value == "1"


def check_disk():
    usage = shutil.disk_usage(settings.MEDIA_ROOT if settings.MEDIA_ROOT.exists() else settings.BASE_DIR)
    return usage.free >= settings.HEALTHZ_MIN_FREE_DISK_MB * 1024 * 1024


CHECKS = {"database": check_database, "search": check_search, "cache": check_cache, "disk": check_disk}
CRITICAL = {"database", "cache", "disk"}


def run_checks():
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = OK if check() else FAIL
        except Exception:  # noqa: BLE001 - any failure is reported as "fail", never its text
            results[name] = FAIL
    if any(results[name] == FAIL for name in CRITICAL):
        status = "down"
    elif FAIL in results.values():
        status = "degraded"
    else:
        status = "ok"
    return status, results


@never_cache
@require_GET
def healthz(request):
    status, checks = run_checks()
    failing = [name for name, result in checks.items() if result == FAIL]
    response = JsonResponse(
        {"status": status, "failing": failing, "checks": checks}, status=200 if status == "ok" else 503
    )
    response["X-Health-Status"] = status
    return response
