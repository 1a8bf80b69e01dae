"""Benchmark: online legal contests (issue 18, the contests part).

Runs in a throw-away database on the configured server (DATABASE_URL; use PostgreSQL):

1. Provisions the province and UNITS-1 communes and a contest whose round has a bank
   of BANK questions, QUESTIONS per attempt.
2. Starts gunicorn (2 workers) on the loopback address; CONTESTANTS simulated
   contestants (THREADS at a time, a threaded client) each start an attempt through
   the JSON API (/api/v1/contests/rounds/<id>/start/) and submit it
   (/api/v1/contests/attempts/<token>/submit/). Reports start and submit p50/p95
   (target: submit p95 ≤ 300 ms), the wall time (target: 2,000 contestants within
   5 minutes), and submissions accepted vs stored (0 lost).
3. Adds RANKED submitted attempts to a second round and times its full ranking (every
   person's best attempt ranked by correct answers, prediction gap, time, submission
   time; target ≤ 2 s for 100,000).

Its last line is one JSON object with the figures (and the load average).

Usage: python scripts/bench_contest.py --contestants 2000 --questions 20 --ranked 100000
"""

import argparse
import datetime
import http.client
import json
import os
import random
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_repository import provision  # noqa: E402
from bench_search import free_port, percentile  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contestants", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--bank", type=int, default=200)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--ranked", type=int, default=100000)
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import create_throwaway_database, start_gunicorn
    from django.db import connection

    if connection.vendor == "sqlite":
        raise SystemExit("bench_contest needs a database server (DATABASE_URL=postgres://…)")
    create_throwaway_database("bench_contest")
    test_db = connection.settings_dict["NAME"]
    server = None
    try:
        province, communes = provision(args.units)
        live_round, rank_round = build_contest(province, args)
        port = free_port()
        server = start_gunicorn(
            test_db,
            port,
            SEARCH_BACKEND="database",
            CONTESTS_RATE_LIMIT="100000000",
            API_RATE_LIMIT="100000000",
        )
        host = province.site.hostname
        wait_until_up(port, host, live_round.page_id)
        figures = load(port, host, live_round, [unit.pk for unit in communes], args)
        figures.update(rank(rank_round, args.ranked, args.questions))
        figures.update(
            contestants=args.contestants,
            questions=args.questions,
            bank=args.bank,
            threads=args.threads,
            database=connection.vendor,
            loadavg=[round(value, 2) for value in os.getloadavg()],
        )
        print(json.dumps(figures), flush=True)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        connection.creation.destroy_test_db(test_db, verbosity=0)


def build_contest(province, args):
    from django.utils import timezone

    from contests.models import ContestPage, ContestQuestion, ContestRound
    from multisite.models import UnitSection

    now = timezone.now()
    section = UnitSection.objects.get(unit=province, key="contests").page.specific
    rounds = [
        ContestRound(
            title=title,
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(days=1),
            questions_per_attempt=args.questions,
            time_limit_minutes=30,
            attempts_per_person=1,
        )
        for title in ("Tuần 1", "Tuần 2")
    ]
    page = ContestPage(title="Cuộc thi đo tải", rounds=rounds)
    section.add_child(instance=page)
    page.save_revision().publish()
    live_round, rank_round = ContestRound.objects.filter(page=page).order_by("pk")
    for contest_round in (live_round, rank_round):
        ContestQuestion.objects.bulk_create(
            ContestQuestion(
                unit=province,
                round=contest_round,
                text=f"Câu hỏi {n}: quy định nào sau đây đúng theo Luật số {n}/2024/QH15?",
                option_a=f"Phương án thứ nhất của câu {n}",
                option_b=f"Phương án thứ hai của câu {n}",
                option_c=f"Phương án thứ ba của câu {n}",
                option_d=f"Phương án thứ tư của câu {n}",
                correct="ABCD"[n % 4],
                explanation=f"Căn cứ Điều {n}",
            )
            for n in range(args.bank)
        )
    return live_round, rank_round


def wait_until_up(port, host, page_id, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", f"/api/v1/contests/{page_id}/", headers={"Host": host})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the HTTP server did not start")


def post(port, host, path, data):
    body = json.dumps(data).encode()
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("POST", path, body=body, headers={"Host": host, "Content-Type": "application/json"})
    response = conn.getresponse()
    payload = response.read()
    conn.close()
    return (time.perf_counter() - started) * 1000, response.status, payload


def load(port, host, live_round, unit_ids, args):
    from contests.models import Attempt, AttemptStatus

    lock = threading.Lock()
    starts, submits, failures = [], [], []
    accepted = [0]

    def contestant(n):
        rng = random.Random(n)
        registration = {
            "full_name": f"Người dự thi {n}",
            "birth_date": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 2008)}",
            "phone": f"09{n:08d}",
            "home_unit": str(rng.choice(unit_ids)),
        }
        elapsed, status, payload = post(
            port, host, f"/api/v1/contests/rounds/{live_round.pk}/start/", registration
        )
        if status != 201:
            with lock:
                failures.append(("start", status, payload[:200].decode(errors="replace")))
            return
        data = json.loads(payload)
        answers = {str(q["id"]): rng.choice("ABCD") for q in data["questions"]}
        submit_elapsed, submit_status, payload = post(
            port, host, data["submit_url"], {"answers": answers, "prediction": rng.randint(0, 50)}
        )
        with lock:
            starts.append(elapsed)
            submits.append(submit_elapsed)
            if submit_status == 200:
                accepted[0] += 1
            else:
                failures.append(("submit", submit_status, payload[:200].decode(errors="replace")))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        list(pool.map(contestant, range(args.contestants)))
    wall = time.perf_counter() - started
    stored = Attempt.objects.filter(round=live_round, status=AttemptStatus.SUBMITTED).count()
    for failure in failures[:5]:
        print("failure:", failure, file=sys.stderr)
    return {
        "wall_seconds": round(wall, 1),
        "start_p50_ms": round(percentile(starts, 0.5), 1) if starts else None,
        "start_p95_ms": round(percentile(starts, 0.95), 1) if starts else None,
        "submit_p50_ms": round(percentile(submits, 0.5), 1) if submits else None,
        "submit_p95_ms": round(percentile(submits, 0.95), 1) if submits else None,
        "submissions_accepted": accepted[0],
        "submissions_stored": stored,
        "lost": accepted[0] - stored,
        "failures": len(failures),
    }


def rank(rank_round, count, questions):
    """Add ``count`` submitted attempts (a tenth of the people with two) and time the full ranking."""
    from django.db import connection
    from django.utils import timezone

    from contests import services
    from contests.models import Attempt, AttemptStatus

    rng = random.Random(18)
    now = timezone.now()
    batch = []
    people = int(count * 0.9)
    started = time.perf_counter()
    for n in range(count):
        person = n % people
        batch.append(
            Attempt(
                unit_id=rank_round.page.unit_id,
                round=rank_round,
                token=f"bench-{n}",
                full_name=f"Người {person}",
                birth_date=datetime.date(1990, 1, 1),
                phone=f"08{person:08d}",
                person_key=f"08{person:08d}",
                number=1 + n // people,
                status=AttemptStatus.SUBMITTED,
                started_at=now - datetime.timedelta(hours=2),
                deadline=now,
                submitted_at=now - datetime.timedelta(seconds=rng.randint(0, 3600)),
                correct_count=min(questions, int(rng.triangular(0, questions + 1, questions * 0.8))),
                prediction=rng.randint(0, 5000),
                duration_ms=rng.randint(30_000, 1_800_000),
            )
        )
        if len(batch) == 5000:
            Attempt.objects.bulk_create(batch)
            batch = []
    Attempt.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contests_attempt")
    print(f"stored {count} attempts in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    timings = []
    for _run in range(3):
        started = time.perf_counter()
        rows = services.ranking_rows(rank_round)
        timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    top, _perfect = services.ranking(rank_round, limit=200)
    top_seconds = time.perf_counter() - started
    return {
        "ranked_attempts": count,
        "ranked_people": len(rows),
        "rank_all_seconds": round(min(timings), 3),
        "rank_all_seconds_max": round(max(timings), 3),
        "rank_top200_seconds": round(top_seconds, 3),
    }


if __name__ == "__main__":
    main()
