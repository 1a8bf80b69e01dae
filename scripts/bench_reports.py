"""Benchmark: statistics reports (issue 17).

Runs in a throw-away database on the configured server (DATABASE_URL; use
PostgreSQL):

1. Provisions the province (with its site and groups) and adds UNITS-1 units
   below it (districts, each with communes; plain unit rows: reports need no site).
2. Defines a form of INDICATORS indicators (numbers, percentages, text), opens
   PERIODS six-monthly periods and fills every unit's report (accepted).
3. Measures, in process, the province's roll-up of the newest period (target
   ≤ 1 s) and, through gunicorn (2 workers) signed in as the province's reporting
   officer, the dashboard page (p50/p95, target p95 ≤ 300 ms) and the Excel
   export of the period.

Its last line is one JSON object with the figures.

Usage: python scripts/bench_reports.py --units 1000 --indicators 60 --periods 8
"""

import argparse
import datetime
import json
import os
import random
import signal
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_questions import request  # noqa: E402
from bench_search import free_port, percentile  # noqa: E402

PASSWORD = "Mat-khau-do-tai-2026"


def build(units, indicator_count, period_count):
    from multisite.accounts import set_unit_user
    from multisite.models import Unit, UnitKind
    from multisite.provisioning import UnitSpec, provision_unit
    from statistics_reports.models import (
        Indicator,
        IndicatorKind,
        IndicatorValue,
        PeriodKind,
        ReportForm,
        ReportingPeriod,
        ReportStatus,
        UnitReport,
    )
    from statistics_reports.services import open_period

    province = provision_unit(UnitSpec(code="tinh-do-tai", name="Tỉnh Đo Tải", kind=UnitKind.PROVINCE)).unit
    set_unit_user(province.code, "reporter", "do-tai.baocao", "baocao@example.vn", PASSWORD)
    districts = Unit.objects.bulk_create(
        [
            Unit(code=f"huyen-{n}", name=f"Huyện Số {n:03d}", kind=UnitKind.DISTRICT, parent=province)
            for n in range(max(1, (units - 1) // 20))
        ]
    )
    communes = [
        Unit(
            code=f"xa-{n}", name=f"Xã Số {n:04d}", kind=UnitKind.COMMUNE, parent=districts[n % len(districts)]
        )
        for n in range(units - 1 - len(districts))
    ]
    Unit.objects.bulk_create(communes, batch_size=1000)

    form = ReportForm.objects.create(
        title="Biểu đo tải", code="do-tai", unit_kinds=[UnitKind.DISTRICT, UnitKind.COMMUNE]
    )
    kinds = (
        [IndicatorKind.NUMBER] * (indicator_count - 10)
        + [IndicatorKind.PERCENTAGE] * 5
        + [IndicatorKind.TEXT] * 5
    )
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                form=form,
                sort_order=n,
                section=f"Phần {n // 10 + 1}",
                code=f"{n // 10 + 1}.{n % 10 + 1}",
                name=f"Chỉ tiêu số {n + 1}",
                kind=kind,
            )
            for n, kind in enumerate(kinds)
        ]
    )
    rng = random.Random(17)
    periods = []
    for n in range(period_count):
        year, half = 2023 + n // 2, n % 2
        start = datetime.date(year, 1 if half == 0 else 7, 1)
        end = datetime.date(year, 6, 30) if half == 0 else datetime.date(year, 12, 31)
        period = ReportingPeriod.objects.create(
            form=form,
            kind=PeriodKind.SIX_MONTHLY,
            title=f"Báo cáo 6 tháng {'đầu' if half == 0 else 'cuối'} năm {year}",
            start=start,
            end=end,
            deadline=end + datetime.timedelta(days=15),
        )
        open_period(period)
        reports = list(period.reports.all())
        UnitReport.objects.filter(period=period).update(
            status=ReportStatus.ACCEPTED,
            submitted_at=datetime.datetime.combine(end, datetime.time(9), tzinfo=datetime.UTC),
        )
        values = [
            IndicatorValue(
                report=report,
                indicator=indicator,
                number=None if indicator.kind == IndicatorKind.TEXT else Decimal(rng.randint(0, 100)),
                text="Ghi chú" if indicator.kind == IndicatorKind.TEXT else "",
            )
            for report in reports
            for indicator in indicators
        ]
        IndicatorValue.objects.bulk_create(values, batch_size=5000)
        periods.append(period)
        print(f"period {n + 1}: {len(reports)} reports, {len(values)} values", file=sys.stderr, flush=True)
    return province, periods


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--periods", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import create_throwaway_database, start_gunicorn
    from django.db import connection

    if connection.vendor == "sqlite":
        raise SystemExit("bench_reports needs a database server (DATABASE_URL=postgres://…)")
    old_name = create_throwaway_database("bench_reports")
    test_db = connection.settings_dict["NAME"]
    server = None
    try:
        from multisite.lookup import unit_subtree_ids
        from statistics_reports import services, tables

        started = time.perf_counter()
        province, periods = build(args.units, args.indicators, args.periods)
        print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
        period = periods[-1]

        rollups, table_times = [], []
        for _round in range(5):
            start = time.perf_counter()
            services.rollup(period, unit_subtree_ids(province.pk))
            rollups.append(time.perf_counter() - start)
            start = time.perf_counter()
            tables.period_table(period, province.pk)
            table_times.append(time.perf_counter() - start)

        port = free_port()
        server = start_gunicorn(test_db, port)
        host = province.site.hostname
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                request(port, host, "GET", "/admin/login/")
                break
            except OSError:
                time.sleep(0.5)
        cookie = _login(port, host)
        dashboard = f"/admin/thong-ke/tong-hop/{period.pk}/"
        status, body, first_ms, _c = request(port, host, "GET", dashboard, headers={"Cookie": cookie})
        assert status == 200 and "Huyện Số 000".encode() in body, status
        # The other worker's first (uncached) request, then both warm.
        second_ms = request(port, host, "GET", dashboard, headers={"Cookie": cookie})[2]
        samples = []
        for _round in range(args.rounds):
            samples.append(request(port, host, "GET", dashboard, headers={"Cookie": cookie})[2])
        exports = []
        for _round in range(3):
            status, body, ms, _c = request(
                port, host, "GET", f"/admin/thong-ke/xuat-excel/{period.pk}/", headers={"Cookie": cookie}
            )
            assert status == 200 and body[:2] == b"PK", status
            exports.append(ms)
        figures = {
            "units": args.units,
            "indicators": args.indicators,
            "periods": args.periods,
            "rollup_ms_max": round(max(rollups) * 1000, 1),
            "period_table_ms_max": round(max(table_times) * 1000, 1),
            "dashboard_cold_ms": [round(first_ms, 1), round(second_ms, 1)],
            "dashboard_p50_ms": round(percentile(samples, 0.5), 1),
            "dashboard_p95_ms": round(percentile(samples, 0.95), 1),
            "export_ms_max": round(max(exports), 1),
            "export_bytes": len(body),
            "database": connection.vendor,
            "loadavg": os.getloadavg(),
        }
        print(json.dumps(figures), flush=True)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _login(port, host):
    import http.cookies
    import urllib.parse

    status, body, _ms, cookies = request(port, host, "GET", "/admin/login/")
    jar = http.cookies.SimpleCookie()
    for cookie in cookies:
        jar.load(cookie)
    token = jar["csrftoken"].value
    form = urllib.parse.urlencode(
        {"username": "do-tai.baocao", "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/admin/"}
    )
    status, _body, _ms, cookies = request(
        port,
        host,
        "POST",
        "/admin/login/",
        form,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={token}",
            "Referer": f"http://{host}/admin/login/",
        },
    )
    for cookie in cookies:
        jar.load(cookie)
    assert status == 302 and "sessionid" in jar, f"login failed ({status})"
    return "; ".join(f"{key}={morsel.value}" for key, morsel in jar.items())


if __name__ == "__main__":
    main()
