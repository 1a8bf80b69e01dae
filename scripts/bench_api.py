"""Benchmark: the open API (/api/v1/) and embed.js (issue 14).

Runs in a throw-away database on the configured server (DATABASE_URL; use
PostgreSQL), like bench_search.py whose generator it reuses:

1. Provisions the province and UNITS-1 communes and imports DOCS documents into
   the shared repository (the database search backend is enough here).
2. Starts gunicorn (2 workers) and, interleaved over ROUNDS rounds, requests the
   legal-document list (several filters and pages), document details, the article
   and unit lists; half of the requests repeat an earlier one with its ETag
   (If-None-Match), as a polling client or the national portal would.
3. Reports p50/p95 of lists and details (target p95 ≤ 100 ms), the share of
   conditional requests answered 304, and the size of embed.js (≤ 30 KB).

Its last line is one JSON object with the figures.

Usage: python scripts/bench_api.py --docs 100000 --units 300
"""

import argparse
import http.client
import itertools
import json
import os
import random
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_repository import provision  # noqa: E402
from bench_search import ROOT, free_port, generate, percentile, wait_for  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import create_throwaway_database, start_gunicorn
    from django.db import connection

    if connection.vendor == "sqlite":
        raise SystemExit("bench_api needs a database server (DATABASE_URL=postgres://…)")
    create_throwaway_database("bench_api")
    test_db = connection.settings_dict["NAME"]
    server = None
    try:
        from legal_docs.importing import import_records
        from legal_docs.models import LegalDocumentPage

        province, communes = provision(args.units)
        records = generate(args.docs)
        started = time.perf_counter()
        while chunk := list(itertools.islice(records, 500)):
            for _result in import_records(iter(chunk), province, publish=True):
                pass
        print(f"imported {args.docs} documents in {time.perf_counter() - started:.1f} s", flush=True)
        ids = list(LegalDocumentPage.objects.values_list("pk", flat=True))

        port = free_port()
        server = start_gunicorn(test_db, port, SEARCH_BACKEND="database", API_RATE_LIMIT="1000000")
        host = province.site.hostname
        wait_for(port, host)
        figures = measure(port, host, ids, [unit.code for unit in communes], args.rounds)
        figures["docs"] = args.docs
        figures["units"] = args.units
        figures["embed_js_bytes"] = len((ROOT / "home" / "static" / "home" / "embed.js").read_bytes())
        figures["database"] = connection.vendor
        print(json.dumps(figures), flush=True)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        connection.creation.destroy_test_db(test_db, verbosity=0)


def _get(conn, host, path, etag=None):
    headers = {"Host": host}
    if etag:
        headers["If-None-Match"] = etag
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status in (200, 304), (path, response.status)
    return elapsed, response.status, response.getheader("ETag")


def measure(port, host, ids, unit_codes, rounds):
    rng = random.Random(2026)
    lists = [
        "/api/v1/legal-documents/",
        "/api/v1/legal-documents/?page=50",
        "/api/v1/legal-documents/?level=central&page_size=50",
        "/api/v1/legal-documents/?status=in_force&year=2023",
        "/api/v1/legal-documents/?type=nghi-dinh",
        "/api/v1/articles/",
        "/api/v1/units/?kind=commune",
    ]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    etags = {}
    list_samples, detail_samples = [], []
    conditional = not_modified = 0
    for path in lists + [f"/api/v1/legal-documents/{ids[0]}/"]:
        _get(conn, host, path)  # warm
    for _round in range(rounds):
        paths = lists + [f"/api/v1/legal-documents/?unit={rng.choice(unit_codes)}"]
        paths += [f"/api/v1/legal-documents/{rng.choice(ids)}/" for _ in range(len(paths))]
        for path in paths:
            etag = etags.get(path) if rng.random() < 0.5 else None
            elapsed, status, new_etag = _get(conn, host, path, etag)
            if etag:
                conditional += 1
                not_modified += status == 304
            etags[path] = new_etag or etags.get(path)
            (detail_samples if path.rstrip("/").split("/")[-1].isdigit() else list_samples).append(elapsed)
    conn.close()
    return {
        "list_p50_ms": round(percentile(list_samples, 0.5), 1),
        "list_p95_ms": round(percentile(list_samples, 0.95), 1),
        "detail_p50_ms": round(percentile(detail_samples, 0.5), 1),
        "detail_p95_ms": round(percentile(detail_samples, 0.95), 1),
        "requests": len(list_samples) + len(detail_samples),
        "conditional_requests": conditional,
        "not_modified_rate": round(not_modified / conditional, 3) if conditional else None,
    }


if __name__ == "__main__":
    main()
