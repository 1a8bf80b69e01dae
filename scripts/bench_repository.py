"""Benchmark: the province's shared legal-document repository (issue 12).

Runs in a throw-away database on the configured server (DATABASE_URL; use
PostgreSQL) and throw-away indexes on the configured engine, like
bench_search.py, whose generator, query mix and measurements it reuses.

1. Provisions the province and UNITS-1 communes (sites, sections, groups).
2. Imports DOCS synthetic documents into the repository with the importer
   (indexing included); prints the import rate.
3. Lists documents on every commune: LISTED explicit listings at random plus
   one rule (central documents of two fields); prints how many documents each
   unit lists on average (explicit + rule).
4. Creates ARTICLES news articles in every unit's news section (bulk inserts:
   the news view reads the database, not the engine).
5. Starts gunicorn (2 workers sharing a database cache table, the production
   default) and measures, interleaved over ROUNDS rounds:
   the province-wide search API against the raw engine request (same query);
   a unit site's search (its own pages plus the thousands it lists); the
   provincial "whole province" news view (?pham-vi=ca-tinh) on pages 1–5.
6. Walks 200 result pages of province-wide searches and counts documents seen
   twice (a copy or a pagination fault): must be 0.

Its last line is one JSON object with the figures.

Usage: python scripts/bench_repository.py --docs 100000 --units 300 --listed 2000 --articles 200
"""

import argparse
import datetime
import http.client
import itertools
import json
import os
import random
import signal
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import (  # noqa: E402
    free_port,
    generate,
    measure,
    percentile,
    wait_for,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--units", type=int, default=20, help="units, the province included")
    parser.add_argument("--listed", type=int, default=200, help="explicit listings per commune")
    parser.add_argument("--articles", type=int, default=20, help="news articles per unit")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--pages", type=int, default=200, help="result pages walked for duplicates")
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import create_throwaway_database, fresh_search_indexes, start_gunicorn
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "sqlite":
        raise SystemExit("bench_repository needs a database server (DATABASE_URL=postgres://…)")
    create_throwaway_database("bench_repository")
    test_db = connection.settings_dict["NAME"]
    server = None
    try:
        backend, prefix, engine, page_index = fresh_search_indexes()

        figures = {}
        started = time.perf_counter()
        province, communes = provision(args.units)
        figures["provision_s"] = round(time.perf_counter() - started, 1)
        print(f"provisioned {args.units} units in {figures['provision_s']} s", flush=True)

        started = time.perf_counter()
        imported, sample = import_repository(args.docs, province, backend, page_index, engine)
        seconds = time.perf_counter() - started
        figures["docs"] = imported
        figures["import_docs_per_s"] = round(imported / seconds, 1)
        print(
            f"imported {imported} documents in {seconds:.1f} s = {figures['import_docs_per_s']}/s", flush=True
        )

        started = time.perf_counter()
        figures.update(list_documents(communes, args.listed))
        figures["listing_s"] = round(time.perf_counter() - started, 1)
        print(f"listings: {figures}", flush=True)

        started = time.perf_counter()
        figures["articles"] = create_articles([province, *communes], args.articles)
        figures["articles_s"] = round(time.perf_counter() - started, 1)
        print(f"articles: {figures['articles']} in {figures['articles_s']} s", flush=True)

        # The production default: one cache shared by every worker (a database table).
        from django.core.management.commands.createcachetable import Command as CreateCacheTable

        create_cache_table = CreateCacheTable()
        create_cache_table.verbosity = 0
        create_cache_table.create_table("default", "pbgdpl_cache", False)
        port = free_port()
        server = start_gunicorn(test_db, port, CACHE_BACKEND="database", CACHE_LOCATION="pbgdpl_cache")
        host = province.site.hostname
        wait_for(port, host)

        search = measure(args, backend, engine, page_index, prefix, port, host, sample, imported, 0)
        for key in ("p50_ms", "p95_ms", "p99_ms", "raw_p50_ms", "raw_p95_ms", "overhead_ratio", "index_mib"):
            figures[f"search_{key}"] = search[key]
        figures.update(unit_search(port, communes[0].site.hostname, sample, args.rounds))
        figures.update(news_view(port, host, args.rounds))
        figures.update(unit_listing(port, communes[0].site.hostname, args.rounds))
        figures.update(duplicates(port, host, args.pages))
        figures["database"] = connection.vendor
        figures["engine"] = settings.SEARCH_BACKEND
        figures["units"] = args.units
        print(json.dumps(figures), flush=True)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if settings.SEARCH_BACKEND != "database":
            from wagtail.search.backends import get_search_backend

            prefix = settings.WAGTAILSEARCH_BACKENDS["default"].get("INDEX_PREFIX", "")
            get_search_backend().es.indices.delete(index=f"{prefix}*", ignore_unavailable=True)
        connection.creation.destroy_test_db(test_db, verbosity=0)


def provision(count):
    from multisite.models import UnitKind
    from multisite.provisioning import UnitSpec, provision_unit

    province = provision_unit(UnitSpec(code="tinh-do-tai", name="Tỉnh Đo Tải", kind=UnitKind.PROVINCE)).unit
    communes = []
    for n in range(1, count):
        spec = UnitSpec(code=f"xa-{n}", name=f"Xã Số {n}", kind=UnitKind.COMMUNE, parent_code=province.code)
        communes.append(provision_unit(spec).unit)
        if n % 50 == 0:
            print(f"provisioned {n + 1} units", file=sys.stderr, flush=True)
    return province, communes


def import_repository(count, province, backend, page_index, engine):
    from legal_docs.importing import import_records

    if engine:
        backend.es.indices.put_settings(index=page_index, body={"index": {"refresh_interval": "30s"}})
    records = generate(count)
    imported, sample = 0, None
    while True:
        chunk = list(itertools.islice(records, 500))
        if not chunk:
            break
        sample = sample or chunk[len(chunk) // 2][1]
        for result in import_records(iter(chunk), province, publish=True):
            imported += bool(result.page_id)
        if imported % 10000 < 500:
            print(f"imported {imported}", file=sys.stderr, flush=True)
    if engine:
        backend.es.indices.put_settings(index=page_index, body={"index": {"refresh_interval": "1s"}})
        backend.refresh_indexes()
    return imported, sample


def list_documents(communes, per_unit):
    """Explicit listings at random and one rule per commune; returns the average listed."""
    from core.models import LegalField
    from legal_docs.models import DocumentListing, DocumentListingRule, LegalDocumentPage
    from legal_docs.repository import listed_document_ids

    rng = random.Random(2026)
    ids = list(LegalDocumentPage.objects.values_list("pk", flat=True))
    fields = list(LegalField.objects.values_list("pk", flat=True))
    for unit in communes:
        chosen = rng.sample(ids, min(per_unit, len(ids)))
        DocumentListing.objects.bulk_create(
            [DocumentListing(unit=unit, document_id=pk) for pk in chosen], batch_size=2000
        )
        rule = DocumentListingRule.objects.create(unit=unit, title="Trung ương", level="central")
        rule.fields.set(rng.sample(fields, 2))
    sample = communes[:: max(1, len(communes) // 10)]
    started = time.perf_counter()
    listed = [len(listed_document_ids(unit.pk)) for unit in sample]
    return {
        "listings": DocumentListing.objects.count(),
        "listed_per_unit_avg": round(sum(listed) / len(listed)),
        "listed_ids_ms": round((time.perf_counter() - started) * 1000 / len(sample), 1),
    }


def create_articles(units, per_unit):
    """Live articles in every unit's news section, inserted in bulk (pages, then articles)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from core.internals import child_path
    from home.models import ArticlePage
    from multisite.models import UnitSection

    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    now = timezone.now()
    total = 0
    for unit in units:
        section = UnitSection.objects.select_related("page").get(unit=unit, key="news").page
        pages = []
        for n in range(per_unit):
            published = now - datetime.timedelta(hours=n * 7 + unit.pk)
            pages.append(
                Page(
                    title=f"Tin tuyên truyền pháp luật số {n} của {unit.name}",
                    draft_title=f"Tin tuyên truyền pháp luật số {n} của {unit.name}",
                    slug=f"tin-{n}",
                    content_type=content_type,
                    path=child_path(section, section.numchild + n + 1),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}tin-{n}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=published,
                    locale=locale,
                )
            )
        with transaction.atomic():
            Page.objects.bulk_create(pages, batch_size=1000)
            for page in pages:
                ArticlePage(page_ptr_id=page.pk, date=page.first_published_at.date()).save_base(raw=True)
            Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + per_unit)
        total += per_unit
    return total


def _timed_get(conn, host, path):
    started = time.perf_counter()
    conn.request("GET", path, headers={"Host": host})
    response = conn.getresponse()
    body = response.read()
    assert response.status == 200, (path, response.status, body[:300])
    return (time.perf_counter() - started) * 1000, body


def unit_search(port, host, sample, rounds):
    """A commune's own search: its pages plus every document it lists."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    words = sample["title"].split()[:3]
    queries = [" ".join(words), sample["document_number"], "pháp luật", "đất đai", "nghị định"]
    samples = []
    for query in queries:  # warm
        _timed_get(conn, host, "/api/search/?" + urllib.parse.urlencode({"q": query}))
    for _round in range(rounds):
        for query in queries:
            elapsed, _body = _timed_get(conn, host, "/api/search/?" + urllib.parse.urlencode({"q": query}))
            samples.append(elapsed)
    conn.close()
    return {
        "unit_search_p50_ms": round(percentile(samples, 0.5), 1),
        "unit_search_p95_ms": round(percentile(samples, 0.95), 1),
    }


def news_view(port, host, rounds):
    """The provincial news section's whole-province view, pages 1–5."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    paths = [f"/tin-tuc-su-kien/?pham-vi=ca-tinh&trang={n}" for n in range(1, 6)]
    paths.append("/tin-tuc-su-kien/?pham-vi=ca-tinh&don-vi=xa-1")
    cold = [_timed_get(conn, host, path)[0] for path in paths]  # nothing cached yet
    samples = []
    for _round in range(rounds * 2):
        for path in paths:
            samples.append(_timed_get(conn, host, path)[0])
    conn.close()
    return {
        "news_view_cold_max_ms": round(max(cold), 1),
        "news_view_p50_ms": round(percentile(samples, 0.5), 1),
        "news_view_p95_ms": round(percentile(samples, 0.95), 1),
    }


def unit_listing(port, host, rounds):
    """A commune's legal-document section: its own documents and the thousands it
    lists, with the facet counts, filtered and not."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    paths = [
        "/van-ban-phap-luat-moi/",
        "/van-ban-phap-luat-moi/?trang=3",
        "/van-ban-phap-luat-moi/?loai=nghi-dinh",
        "/van-ban-phap-luat-moi/?hieuluc=in_force&sapxep=ten",
    ]
    cold = [_timed_get(conn, host, path)[0] for path in paths]
    samples = [_timed_get(conn, host, path)[0] for _round in range(rounds) for path in paths]
    conn.close()
    return {
        "unit_listing_cold_max_ms": round(max(cold), 1),
        "unit_listing_p50_ms": round(percentile(samples, 0.5), 1),
        "unit_listing_p95_ms": round(percentile(samples, 0.95), 1),
    }


def duplicates(port, host, pages):
    """Documents seen more than once over ``pages`` result pages of province-wide searches."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    queries = ["nghị định", "quyết định", "thông tư", "luật", "pháp luật"]
    seen, duplicates_seen, walked = set(), 0, 0
    per_query = max(1, pages // len(queries))
    for query in queries:
        keys = set()
        for number in range(1, per_query + 1):
            data = _api_page(conn, host, query, number)
            walked += 1
            for hit in data["results"]:
                # A copy of a document has another address but the same number and title.
                key = (hit["document_number"] or hit["url"], hit["title"])
                if key in keys:
                    duplicates_seen += 1
                keys.add(key)
            if len(data["results"]) < data["page_size"]:
                break
        seen |= keys
    conn.close()
    return {"result_pages": walked, "distinct_results": len(seen), "duplicates": duplicates_seen}


def _api_page(conn, host, query, number):
    path = "/api/search/?" + urllib.parse.urlencode({"q": query, "scope": "all", "page": number})
    conn.request("GET", path, headers={"Host": host})
    response = conn.getresponse()
    body = response.read()
    assert response.status == 200, (response.status, body[:300])
    return json.loads(body)


if __name__ == "__main__":
    main()
