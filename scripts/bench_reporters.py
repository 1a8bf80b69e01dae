"""Benchmark: a register of 5 000 people and 50 000 activities; directory and figures pages.

Runs in a throw-away test database on the configured server (DATABASE_URL;
SQLite by default), so it never touches real data. Builds a province with a
district and communes, bulk-creates the register, then measures through the
full Django stack (test client, the portal's Host) the median latency of the
provincial directory (the whole province, first page), of the directory with a
name search and filters, and of the provincial figures page. The figures are
cached until the register changes; the first (uncached) computation is
reported as ``figures_cold_ms``. Prints its figures last as one JSON line.

Usage: python scripts/bench_reporters.py [--people 5000] [--activities 50000] [--communes 20] [--requests 30]
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.test")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Thu", "Hữu", "Ngọc", "Đức", "Kim", "Xuân", "Hoài"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Giang",
    "Hạnh",
    "Khánh",
    "Linh",
    "Nam",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
]


def median_ms(client, host, path, requests, params=None):
    for _ in range(3):
        client.get(path, params or {}, HTTP_HOST=host)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(path, params or {}, HTTP_HOST=host)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings)


def build_register(units, people, activities, rng):
    from core.text import ascii_key, compact_ascii_key
    from legal_docs.models import LegalField
    from reporters.figures import bump_register_version
    from reporters.models import Activity, ActivityForm, Person

    field_ids = list(LegalField.objects.values_list("pk", flat=True))
    statuses = ["active"] * 8 + ["suspended", "withdrawn"]
    rows = []
    for number in range(people):
        unit = units[number % len(units)]
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {number}"
        decision = f"{number // 50 + 1}/QĐ-UBND"
        status = rng.choice(statuses)
        rows.append(
            Person(
                unit=unit,
                kind="propagandist" if unit.kind == "commune" else "reporter",
                level="commune" if unit.kind == "commune" else "district",
                full_name=name,
                name_key=ascii_key(name),
                decision_number=decision,
                decision_key=compact_ascii_key(decision),
                decision_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number % 700),
                status=status,
                status_date=datetime.date(2026, 1, 1) if status != "active" else None,
                agency="Ủy ban nhân dân",
                position="Công chức",
            )
        )
    Person.objects.bulk_create(rows, batch_size=1000)
    person_rows = list(Person.objects.values_list("pk", "unit_id"))
    through = Person.fields.through
    through.objects.bulk_create(
        [
            through(person_id=pk, legalfield_id=field_id)
            for pk, _unit in person_rows
            for field_id in rng.sample(field_ids, 2)
        ],
        batch_size=2000,
    )
    forms = list(ActivityForm.values)
    start = datetime.date(2024, 1, 1)
    Activity.objects.bulk_create(
        (
            Activity(
                unit_id=unit_id,
                person_id=pk,
                date=start + datetime.timedelta(days=rng.randrange(1060)),
                topic="Phổ biến pháp luật về đất đai",
                form=rng.choice(forms),
                audience=rng.randrange(10, 300),
            )
            for pk, unit_id in (rng.choice(person_rows) for _ in range(activities))
        ),
        batch_size=2000,
    )
    bump_register_version()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--activities", type=int, default=50000)
    parser.add_argument("--communes", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import create_throwaway_database
    from django.db import connection
    from django.test import Client

    old_name = create_throwaway_database("bench_reporters")
    try:
        from multisite.models import UnitKind
        from multisite.provisioning import UnitSpec, provision_unit
        from reporters.figures import figures_for
        from reporters.models import Activity, Person

        province = provision_unit(
            UnitSpec(code="tinh-do-tai", name="Tỉnh Đo Tải", kind=UnitKind.PROVINCE)
        ).unit
        district = provision_unit(
            UnitSpec(
                code="huyen-do-tai", name="Huyện Đo Tải", kind=UnitKind.DISTRICT, parent_code=province.code
            )
        ).unit
        units = [province, district]
        for number in range(1, args.communes + 1):
            parent = district if number % 2 else province
            units.append(
                provision_unit(
                    UnitSpec(
                        code=f"xa-{number:03d}",
                        name=f"Xã Số {number}",
                        kind=UnitKind.COMMUNE,
                        parent_code=parent.code,
                    )
                ).unit
            )
        started = time.perf_counter()
        build_register(units, args.people, args.activities, random.Random(2026))
        build_seconds = time.perf_counter() - started

        client = Client()
        host = province.site.hostname
        start = time.perf_counter()
        figures_for(province)
        figures_cold = (time.perf_counter() - start) * 1000
        directory = median_ms(client, host, "/bao-cao-vien-tuyen-truyen-vien/", args.requests)
        search = median_ms(
            client,
            host,
            "/bao-cao-vien-tuyen-truyen-vien/",
            args.requests,
            {"q": "nguyen van", "loai": "propagandist", "linh_vuc": "dat-dai", "trang": "2"},
        )
        profile_id = Person.objects.public().values_list("pk", flat=True).first()
        profile = median_ms(
            client, host, f"/bao-cao-vien-tuyen-truyen-vien/nguoi/{profile_id}/", args.requests
        )
        figures = median_ms(client, host, "/so-lieu-thong-ke/", args.requests)
        result = {
            "database": connection.vendor,
            "units": len(units),
            "people": Person.objects.count(),
            "activities": Activity.objects.count(),
            "build_seconds": round(build_seconds, 1),
            "directory_median_ms": round(directory, 2),
            "directory_search_median_ms": round(search, 2),
            "profile_median_ms": round(profile, 2),
            "figures_median_ms": round(figures, 2),
            "figures_cold_ms": round(figures_cold, 2),
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(
        f"Register of {result['people']} people and {result['activities']} activities in {result['units']} units "
        f"on {result['database']}: directory {result['directory_median_ms']} ms, "
        f"figures {result['figures_median_ms']} ms (cold {result['figures_cold_ms']} ms)."
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
