"""Benchmark: the legal bookcase and the PDF page images (issue 15, part 3).

Runs in a throw-away database on the configured server (DATABASE_URL; SQLite
works, PostgreSQL is what counts), in-process through Django's test client:

1. Provisions the province and UNITS-1 communes and publishes ITEMS
   publications spread over the communes' bookcases (their PDF is rendered once
   and shared, as a reprint would be).
2. Times the page images: a PAGES-page text PDF and a 4-page image PDF rendered
   (reading image + thumbnail, WebP) — milliseconds per page.
3. Interleaved over ROUNDS rounds, requests a commune's bookcase, one of its
   shelves, the portal's whole-province bookcase (every unit's items, unit
   facet), a publication, and a bare Django view through the same middleware
   (the baseline of the same run); reports p50/p95 of each.

Its last line is one JSON object with the figures and the load average.

Usage: python scripts/bench_library.py --items 2000 --units 50 --rounds 100
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.test")


def bare(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import create_throwaway_database
    from django.conf import settings
    from django.db import connection
    from django.urls import clear_url_caches, path

    import site_config.urls

    module = sys.modules[__name__]
    module.urlpatterns = [path("bench-bare/", bare), *site_config.urls.urlpatterns]
    settings.ROOT_URLCONF = __name__
    clear_url_caches()
    settings.SEARCH_BACKEND = "database"
    configured = create_throwaway_database("bench_library")
    test_db = connection.settings_dict["NAME"]
    try:
        figures = run(args)
        figures["database"] = connection.vendor
        figures["loadavg"] = [round(value, 2) for value in os.getloadavg()]
        print(json.dumps(figures), flush=True)
    finally:
        connection.creation.destroy_test_db(
            configured if connection.vendor == "sqlite" else test_db, verbosity=0
        )


def run(args):
    from bench_repository import provision
    from django.core.files.base import ContentFile
    from django.test import Client
    from wagtail.documents.models import Document

    from library import demo_files
    from library.models import PublicationPage
    from library.rendering import render
    from multisite.models import UnitSection

    province, communes = provision(args.units)
    figures = {"items": args.items, "units": args.units}

    text_pdf = Document.objects.create(
        title="Sách đo",
        file=ContentFile(
            demo_files.text_pdf([[f"Trang {n}", "Luat Dat dai"] for n in range(args.pages)]), name="do.pdf"
        ),
        collection=province.collection,
    )
    image_pdf = Document.objects.create(
        title="Tờ gấp đo",
        file=ContentFile(demo_files.image_pdf("Tờ gấp", [["Đo thời gian"]] * 4), name="to-gap.pdf"),
        collection=province.collection,
    )
    for name, document, count in (("text", text_pdf, args.pages), ("image", image_pdf, 4)):
        started = time.perf_counter()
        render(document)
        figures[f"render_{name}_pdf_ms_per_page"] = round((time.perf_counter() - started) * 1000 / count, 1)

    bookcases = {
        row.unit_id: row.page for row in UnitSection.objects.filter(key="bookcase").select_related("page")
    }
    started = time.perf_counter()
    for number in range(args.items):
        unit = communes[number % len(communes)]
        page = PublicationPage(
            title=f"Sổ tay pháp luật số {number}",
            category=["sach", "cam-nang", "to-gap"][number % 3],
            pdf=text_pdf,
            text_alternative="Mô tả nội dung.",
            live=False,
        )
        bookcases[unit.pk].add_child(instance=page)
        page.save_revision().publish()
    figures["publish_s_per_item"] = round((time.perf_counter() - started) / max(1, args.items), 3)
    print(f"published {args.items} items", file=sys.stderr, flush=True)

    client = Client()
    commune = communes[0]
    sample = PublicationPage.objects.descendant_of(commune.site.root_page).first()
    targets = {
        "bookcase": (commune.site.hostname, "/tu-sach-phap-luat/"),
        "shelf": (commune.site.hostname, "/tu-sach-phap-luat/?loai=to-gap"),
        "province_bookcase": (province.site.hostname, "/tu-sach-phap-luat/?pham-vi=ca-tinh"),
        "publication": (commune.site.hostname, sample.url),
        "bare_view": (commune.site.hostname, "/bench-bare/"),
    }
    samples = {key: [] for key in targets}
    for host, url in targets.values():
        assert client.get(url, HTTP_HOST=host).status_code == 200, url
    for _round in range(args.rounds):
        for key, (host, url) in targets.items():
            started = time.perf_counter()
            response = client.get(url, HTTP_HOST=host)
            samples[key].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    for key, values in samples.items():
        figures[f"{key}_p50_ms"] = round(percentile(values, 0.5), 1)
        figures[f"{key}_p95_ms"] = round(percentile(values, 0.95), 1)
    figures["rounds"] = args.rounds
    return figures


if __name__ == "__main__":
    main()
