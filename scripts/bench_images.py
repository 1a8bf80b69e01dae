"""Benchmark: lists with lead images (issue 15, images).

In a throw-away database (SQLite, or the server of DATABASE_URL): a province and
one commune, --articles articles in the commune's news section, each with one of
--images lead images (1200 × 675 JPEG), and the same number without images in
another section (the run's own baseline). In this process, with Django's test
client and the page cache off (every request renders), times --requests
requests of: the illustrated section list (20 per page), the same list without
images, the commune's home, the portal's home and the portal's whole-province
news; plus the first request of the illustrated list (its renditions being made).
Reports p50/p95 in ms and the queries per request.

The last line of output is one JSON object with every figure and the load average.

Usage: python scripts/bench_images.py [--articles 200] [--images 20] [--requests 30]
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.test")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def build(args):
    import datetime

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    from home.models import ArticlePage
    from multisite.models import UnitKind, UnitSection
    from multisite.provisioning import UnitSpec, provision_unit

    province = provision_unit(UnitSpec(code="tinh-do-anh", name="Tỉnh Đo Ảnh", kind=UnitKind.PROVINCE)).unit
    unit = provision_unit(
        UnitSpec(code="xa-do-anh", name="Xã Đo Ảnh", kind=UnitKind.COMMUNE, parent_code=province.code)
    ).unit
    images = []
    for number in range(args.images):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 675), (20 + number * 9 % 200, 90, 160)).save(buffer, format="JPEG")
        images.append(
            Image.objects.create(
                title=f"Ảnh {number}",
                file=ImageFile(buffer, name=f"anh-{number}.jpg"),
                collection=unit.collection,
            )
        )
    sections = {key: UnitSection.objects.get(unit=unit, key=key).page for key in ("news", "directives")}
    for number in range(args.articles):
        for key, section in sections.items():
            fields = {}
            if key == "news":
                fields = {"image": images[number % len(images)], "image_alt": f"Mô tả ảnh {number}"}
            page = section.add_child(
                instance=ArticlePage(
                    title=f"Tin số {number}",
                    date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 300),
                    featured=key == "news" and number % 50 == 0,
                    live=False,
                    **fields,
                )
            )
            page.save_revision().publish()
    return province, unit, sections


def measure(client, host, url, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(count):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, HTTP_HOST=host)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return {
        "p50": round(statistics.median(times), 1),
        "p95": round(percentile(times, 0.95), 1),
        "queries": queries,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--images", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import create_throwaway_database
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 0
    configured = create_throwaway_database("images")
    from django.db import connection

    try:
        started = time.perf_counter()
        province, unit, sections = build(args)
        built = time.perf_counter() - started
        client = Client()
        host, portal = unit.site.hostname, province.site.hostname
        news_url = sections["news"].url
        first_started = time.perf_counter()
        client.get(news_url, HTTP_HOST=host)
        first = round((time.perf_counter() - first_started) * 1000, 1)
        for url, site in (("/", host), ("/", portal)):
            client.get(url, HTTP_HOST=site)  # their renditions, made once
        cache.clear()
        results = {
            "section_with_images": measure(client, host, news_url, args.requests),
            "section_without_images": measure(client, host, sections["directives"].url, args.requests),
            "unit_home": measure(client, host, "/", args.requests),
            "portal_home": measure(client, portal, "/", args.requests),
        }
        province_news = province.site.root_page.get_children().get(slug="tin-tuc-su-kien").url
        results["province_view"] = measure(client, portal, province_news + "?pham-vi=ca-tinh", args.requests)
        for name, figures in results.items():
            print(
                f"{name:<24} p50 {figures['p50']:>7} ms  p95 {figures['p95']:>7} ms  {figures['queries']} queries"
            )
        print(f"first illustrated list (renditions made): {first} ms; built in {built:.1f} s")
        print(
            json.dumps(
                {
                    "benchmark": "images",
                    "database": connection.vendor,
                    "articles": args.articles,
                    "images": args.images,
                    "requests": args.requests,
                    "first_list_ms": first,
                    **results,
                    "loadavg": [round(value, 2) for value in os.getloadavg()],
                }
            )
        )
    finally:
        connection.creation.destroy_test_db(configured, verbosity=0)


if __name__ == "__main__":
    main()
