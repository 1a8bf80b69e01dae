"""Benchmark: provision 300 units and compare the first and the last unit's home page.

Runs in a throw-away test database on the configured server (DATABASE_URL;
SQLite by default), so it never touches real data. Prints its figures last as
one JSON line: units, seconds_per_unit, first_unit_median_ms, last_unit_median_ms.

Usage: python scripts/bench_units.py [--units 300] [--requests 60]
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.test")


def median_ms(client, host, requests):
    for _ in range(3):
        client.get("/", HTTP_HOST=host)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get("/", HTTP_HOST=host)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import create_throwaway_database
    from django.db import connection
    from django.test import Client

    old_name = create_throwaway_database("bench_units")
    try:
        from multisite.models import UnitKind
        from multisite.provisioning import UnitSpec, provision_unit
        from tests.factories import article

        province = provision_unit(
            UnitSpec(code="tinh-do-tai", name="Tỉnh Đo Tải", kind=UnitKind.PROVINCE)
        ).unit
        units = []
        start = time.perf_counter()
        for number in range(1, args.units + 1):
            spec = UnitSpec(
                code=f"xa-{number:04d}",
                name=f"Xã Số {number}",
                kind=UnitKind.COMMUNE,
                parent_code=province.code,
            )
            units.append(provision_unit(spec).unit)
        seconds_per_unit = (time.perf_counter() - start) / args.units

        for unit in (units[0], units[-1]):
            for index in range(3):
                article(unit, title=f"Tin {index + 1} của {unit.name}")

        client = Client()
        first = median_ms(client, units[0].site.hostname, args.requests)
        last = median_ms(client, units[-1].site.hostname, args.requests)
        figures = {
            "units": args.units,
            "database": connection.vendor,
            "seconds_per_unit": round(seconds_per_unit, 4),
            "first_unit_median_ms": round(first, 2),
            "last_unit_median_ms": round(last, 2),
            "last_vs_first": round(last / first, 3),
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"Provisioned {args.units} units at {figures['seconds_per_unit']} s each on {figures['database']}.")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
