"""Benchmark: the statistics of a survey of 50 000 responses (issue 18, surveys part).

Runs in a throw-away database on a database server (DATABASE_URL=postgres://…):

1. provisions a province and --units - 1 communes, creates a province-wide survey
   (the demo survey's five questions: single choice, multiple choice, 1–5 scale,
   number, long text) and bulk-creates --responses responses spread over the units,
   with their answers (about 6 Answer rows per response);
2. times the statistics computation in this process (the aggregate queries alone,
   no cache): without breakdown, by a question, by unit;
3. starts gunicorn (2 workers, sharing the database cache as in production without
   Redis) on the loopback address and, as the province's
   administrator, requests the admin statistics page --requests times per variant:
   "live" (a new response is stored before each request, so the cached figures are
   stale and recomputed, as while a survey is running) and "cached" (nothing
   changed); and the public results page after closing. Reports p50/p95 (target p95
   ≤ 300 ms).

The last line of output is one JSON object with every figure.

Usage: python scripts/bench_survey.py [--units 20] [--responses 50000] [--requests 30]
"""

import argparse
import datetime
import http.client
import json
import os
import random
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.test")
# The web workers share their cache as in production (database when no Redis).
os.environ.setdefault("CACHE_BACKEND", "database")

from bench_questions import PASSWORD, free_port, percentile, request  # noqa: E402


def build(args, rng):
    from django.utils import timezone

    from multisite.accounts import set_unit_user
    from multisite.models import UnitKind
    from multisite.provisioning import UnitSpec, provision_unit
    from surveys.demo import demo_questions, random_answers, survey_section
    from surveys.models import Answer, SurveyPage, SurveyResponse
    from surveys.services import answer_rows

    province = provision_unit(UnitSpec(code="tinh-do-tai", name="Tỉnh Đo Tải", kind=UnitKind.PROVINCE)).unit
    units = [province]
    for number in range(1, args.units):
        spec = UnitSpec(
            code=f"xa-{number:03d}", name=f"Xã Số {number}", kind=UnitKind.COMMUNE, parent_code=province.code
        )
        units.append(provision_unit(spec).unit)
    today = timezone.localdate()
    survey = survey_section(province).add_child(
        instance=SurveyPage(
            title="Khảo sát đo tải",
            slug="khao-sat-do-tai",
            questions=demo_questions(),
            opens_on=today - datetime.timedelta(days=30),
            closes_on=today + datetime.timedelta(days=30),
            province_wide=True,
            results_public=True,
        )
    )
    survey.save_revision().publish()
    survey = SurveyPage.objects.get(pk=survey.pk)
    questions = survey.question_list()
    now = timezone.now()
    created = 0
    batch = 5000
    while created < args.responses:
        size = min(batch, args.responses - created)
        responses = SurveyResponse.objects.bulk_create(
            [
                SurveyResponse(
                    survey=survey,
                    unit=units[(created + n) % len(units)],
                    submitted_at=now - datetime.timedelta(minutes=rng.randrange(60 * 24 * 30)),
                )
                for n in range(size)
            ]
        )
        rows = []
        for response in responses:
            for row in answer_rows(survey, questions, random_answers(survey, rng)):
                row.response = response
                rows.append(row)
        Answer.objects.bulk_create(rows, batch_size=10000)
        created += size
        print(f"{created} responses", file=sys.stderr, flush=True)
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: statistics and the visibility map
        # (index-only scans).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE surveys_answer")
            cursor.execute("VACUUM ANALYZE surveys_surveyresponse")
    set_unit_user(province.code, "admin", "do-tai.quantri", "quantri@example.vn", PASSWORD)
    return province, units, survey


def login(port, host):
    import http.cookies
    import urllib.parse

    _status, _body, _ms, cookies = request(port, host, "GET", "/admin/login/")
    jar = http.cookies.SimpleCookie()
    for cookie in cookies:
        jar.load(cookie)
    token = jar["csrftoken"].value
    form = urllib.parse.urlencode(
        {"username": "do-tai.quantri", "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/admin/"}
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


def timed(function, repeat=5):
    samples = []
    for _n in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return round(percentile(samples, 0.5), 1)


def summary(samples):
    return {"p50_ms": round(percentile(samples, 0.5), 1), "p95_ms": round(percentile(samples, 0.95), 1)}


def main():  # noqa: C901
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--responses", type=int, default=50000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import create_throwaway_database, start_gunicorn
    from django.db import connection

    if connection.vendor == "sqlite":
        raise SystemExit("bench_survey needs a database server (DATABASE_URL=postgres://…)")
    configured = create_throwaway_database("bench_survey")
    test_db = connection.settings_dict["NAME"]
    server = None
    rng = random.Random(18)  # noqa: S311 - reproducible load
    try:
        from surveys.models import Answer, SurveyPage
        from surveys.services import submit
        from surveys.statistics import BY_UNIT, _compute

        started = time.perf_counter()
        province, units, survey = build(args, rng)
        build_s = round(time.perf_counter() - started, 1)
        answers = Answer.objects.filter(survey=survey).count()
        age_key = survey.question_list()[0].key
        total = args.responses
        in_process = {
            "plain_ms": timed(lambda: _compute(survey, total, "", None, True)),
            "by_question_ms": timed(lambda: _compute(survey, total, age_key, None, True)),
            "by_unit_ms": timed(lambda: _compute(survey, total, BY_UNIT, None, True)),
        }
        print(f"in process: {in_process}", file=sys.stderr, flush=True)

        port = free_port()
        host = province.site.hostname
        server = start_gunicorn(test_db, port)
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if request(port, host, "GET", "/admin/login/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        cookie = login(port, host)
        results = f"/admin/khao-sat/{survey.pk}/"
        questions = survey.question_list()
        figures = {}
        variants = {"plain": "", "by_question": f"?theo={age_key}", "by_unit": f"?theo={BY_UNIT}"}
        for name, query in variants.items():
            live, cached = [], []
            for _n in range(args.requests):
                submit(survey, units[rng.randrange(len(units))], questions, {age_key: "Dưới 30 tuổi"})
                status, body, ms, _c = request(port, host, "GET", results + query, headers={"Cookie": cookie})
                assert status == 200 and "Tổng số phiếu trả lời" in body.decode(), status
                live.append(ms)
                status, _body, ms, _c = request(
                    port, host, "GET", results + query, headers={"Cookie": cookie}
                )
                cached.append(ms)
            figures[f"admin_{name}_live"] = summary(live)
            figures[f"admin_{name}_cached"] = summary(cached)
            print(name, figures[f"admin_{name}_live"], figures[f"admin_{name}_cached"], file=sys.stderr)

        SurveyPage.objects.filter(pk=survey.pk).update(
            opens_on=datetime.date(2020, 1, 1), closes_on=datetime.date(2020, 12, 31)
        )
        public = []
        public_url = "/khao-sat-y-kien/khao-sat-do-tai/ket-qua/"
        for _n in range(args.requests):
            status, body, ms, _c = request(port, host, "GET", public_url)
            assert status == 200, status
            public.append(ms)
        figures["public_results"] = summary(public)
        export_start = time.perf_counter()
        try:
            status, body, _ms, _c = request(
                port, host, "GET", f"/admin/khao-sat/{survey.pk}/xuat-csv/", headers={"Cookie": cookie}
            )
        except http.client.HTTPException as error:  # e.g. the worker's timeout cut the stream
            status, body = f"failed: {type(error).__name__}", b""
        export_s = round(time.perf_counter() - export_start, 1)
        worst_live = max(figures[f"admin_{name}_live"]["p95_ms"] for name in variants)
        result = {
            "benchmark": "bench_survey",
            "database": connection.vendor,
            "units": args.units,
            "responses": args.responses,
            "answer_rows": answers,
            "build_s": build_s,
            "stats_in_process_ms": in_process,
            **figures,
            "worst_live_p95_ms": worst_live,
            "target_p95_ms": 300,
            "within_target": worst_live <= 300,
            "csv_export_s": export_s,
            "csv_export_status": status,
            "csv_export_mb": round(len(body) / 1e6, 1),
            "loadavg": [round(x, 2) for x in os.getloadavg()],
        }
        print(json.dumps(result))
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
        connection.creation.destroy_test_db(configured, verbosity=0)


if __name__ == "__main__":
    main()
