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
4. Sync (``--sync N``, 0 to skip): a second process, on its own throw-away
   database with only the province, pulls N legal documents from this one with
   ``portal_sync`` (the change feed, full text included) and reports items/s
   (target ≥ 200), against the rate of fetching the same pages alone.

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
    parser.add_argument(
        "--sync", type=int, default=2000, help="documents to pull in the sync phase (0: skip)"
    )
    parser.add_argument("--receive-from", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.receive_from:
        return receive(args.receive_from, args.sync)

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
        if args.sync:
            figures |= sync_phase(port, min(args.sync, args.docs))
        figures["database"] = connection.vendor
        print(json.dumps(figures), flush=True)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        connection.creation.destroy_test_db(test_db, verbosity=0)


def sync_phase(port, items):
    """Run the receiving portal in another process (its own database) and read its figures."""
    import subprocess

    command = [sys.executable, __file__, "--receive-from", f"http://127.0.0.1:{port}", "--sync", str(items)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"sync phase failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


class _Enough(Exception):
    pass


def receive(source, items):
    """The receiving portal: a fresh database, the province, one pull of ``items`` documents."""
    import urllib.parse

    import django

    django.setup()
    from benchdb import create_throwaway_database
    from django.db import connection

    create_throwaway_database("bench_api_receiver")
    test_db = connection.settings_dict["NAME"]
    try:
        from portal_sync import pull

        province, _communes = provision(1)

        def stop_when_done(report):
            if report.total >= items:
                raise _Enough

        fetched = 0
        started = time.perf_counter()
        position = "1970-01-01"
        while fetched < items:
            query = urllib.parse.urlencode({"changed_after": position, "include": "body", "page_size": 100})
            data = pull.fetch_json(f"{source}/api/v1/legal-documents/?{query}")
            fetched += len(data["results"])
            if not data["next_cursor"]:
                break
            position = data["next_cursor"]
        fetch_seconds = time.perf_counter() - started

        started = time.perf_counter()
        try:
            report = pull.pull(source, province, "legal-documents", progress=stop_when_done)
        except _Enough:
            report = None
        seconds = time.perf_counter() - started
        from portal_sync.models import SyncedCopy

        done = SyncedCopy.objects.count()
        again_started = time.perf_counter()
        try:
            pull.pull(source, province, "legal-documents", since="1970-01-01", progress=stop_when_done)
        except _Enough:
            pass
        again_seconds = time.perf_counter() - again_started
        print(
            json.dumps(
                {
                    "sync_items": done,
                    "sync_seconds": round(seconds, 1),
                    "sync_items_per_s": round(done / seconds, 1),
                    "sync_fetch_only_items_per_s": round(fetched / fetch_seconds, 1),
                    "sync_again_unchanged_items_per_s": round(done / again_seconds, 1),
                    "sync_problems": len(report.problems) if report else 0,
                }
            ),
            flush=True,
        )
    finally:
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
