"""Benchmark: citizens' questions under load (issue 13).

Runs in a throw-away database on a database server (DATABASE_URL=postgres://…) with the
configured search engine, so it never touches real data:

1. provisions a province and --units - 1 communes, bulk-creates --questions questions
   spread over them (one commune holds --inbox of them), and publishes --answers answers;
2. starts gunicorn on the loopback address (4 workers) on that database;
3. --posters threads POST new questions to /api/v1/questions/ at once: submission
   p50/p95 and accepted (201) against stored (rows found afterwards): none may be lost;
4. the busy commune's administrator opens the admin inbox: p50/p95;
5. the similar-answers suggestion (/api/v1/questions/similar/) for typed questions: p50/p95.

The rate limits are raised for the run (one client sends everything). The last line of
output is one JSON object with every figure.

Usage: python scripts/bench_questions.py [--units 300] [--questions 20000] [--inbox 2000]
       [--posters 16] [--posts 25] [--answers 200] [--requests 60]
"""

import argparse
import concurrent.futures
import datetime
import http.client
import http.cookies
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.test")

TOPICS = [
    "thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu",
    "chia thừa kế nhà đất khi không có di chúc",
    "đăng ký kết hôn với người nước ngoài",
    "mức phạt khi xây nhà không có giấy phép",
    "thời hạn giải quyết hồ sơ đăng ký khai sinh",
    "hòa giải tranh chấp ranh giới đất giữa hai hộ",
    "chế độ bảo hiểm xã hội khi nghỉ thai sản",
    "điều kiện thành lập hộ kinh doanh cá thể",
    "quyền nuôi con sau khi ly hôn",
    "bồi thường khi nhà nước thu hồi đất nông nghiệp",
]
PASSWORD = "Mat-khau-do-tai-2026"


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port, host, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.perf_counter()
    conn.request(method, path, body=body, headers={"Host": host, **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    cookies = response.headers.get_all("Set-Cookie") or []
    conn.close()
    return response.status, data, elapsed, cookies


def wait_for(port, host, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if request(port, host, "GET", "/api/v1/questions/similar/?q=ping")[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the HTTP server did not start")


def build(args, rng):
    from django.utils import timezone

    from core.models import LegalField
    from multisite.models import UnitKind
    from multisite.provisioning import UnitSpec, provision_unit
    from questions.deadlines import deadline_from
    from questions.models import Question, QuestionAnswerPage, QuestionStatus
    from questions.models.questions import new_tracking_code
    from questions.services import qa_section

    province = provision_unit(UnitSpec(code="tinh-do-tai", name="Tỉnh Đo Tải", kind=UnitKind.PROVINCE)).unit
    units = [province]
    for number in range(1, args.units):
        spec = UnitSpec(
            code=f"xa-{number:03d}", name=f"Xã Số {number}", kind=UnitKind.COMMUNE, parent_code=province.code
        )
        units.append(provision_unit(spec).unit)
    busy = units[1]
    fields = list(LegalField.objects.all())
    now = timezone.now()
    statuses = [
        QuestionStatus.RECEIVED,
        QuestionStatus.ROUTED,
        QuestionStatus.ANSWERING,
        QuestionStatus.ANSWERED,
    ]
    rows = []
    for number in range(args.questions):
        unit = busy if number < args.inbox else units[number % len(units)]
        created = now - datetime.timedelta(hours=rng.randrange(24 * 365))
        rows.append(
            Question(
                unit=unit,
                asked_at=unit,
                tracking_code=new_tracking_code(),
                asker_name=f"Người hỏi {number}",
                email=f"nguoi{number}@example.vn",
                field=rng.choice(fields),
                text=f"Xin hỏi về {rng.choice(TOPICS)} (câu hỏi số {number}).",
                consent_to_publish=True,
                status=rng.choice(statuses),
                created_at=created,
                deadline=deadline_from(created.date()),
            )
        )
    Question.objects.bulk_create(rows, batch_size=2000)
    for number in range(args.answers):
        unit = units[number % len(units)]
        topic = TOPICS[number % len(TOPICS)]
        page = QuestionAnswerPage(
            title=f"Hỏi đáp về {topic} ({number})",
            question_text=f"Tôi muốn hỏi về {topic}.",
            answer=f"<p>Trả lời về {topic}: theo quy định hiện hành …</p>",
            field=fields[number % len(fields)],
        )
        qa_section(unit.pk).add_child(instance=page)
        page.save_revision().publish()
    from django.contrib.auth import get_user_model

    from multisite.accounts import set_unit_user

    admin, _created = set_unit_user(busy.code, "admin", "do-tai.quantri", "quantri@example.vn", PASSWORD)
    assert get_user_model().objects.filter(pk=admin.pk).exists()
    return province, busy


def login(port, host):
    status, body, _ms, cookies = request(port, host, "GET", "/admin/login/")
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


def main():  # noqa: C901
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--questions", type=int, default=20000)
    parser.add_argument("--inbox", type=int, default=2000)
    parser.add_argument("--posters", type=int, default=16)
    parser.add_argument("--posts", type=int, default=25, help="questions each poster sends")
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()

    import django

    django.setup()
    from benchdb import create_throwaway_database
    from django.conf import settings
    from django.db import connection
    from wagtail.search.backends import get_search_backend
    from wagtail.search.index import get_indexed_models

    if connection.vendor == "sqlite":
        raise SystemExit("bench_questions needs a database server (DATABASE_URL=postgres://…)")
    old_name = create_throwaway_database("bench_questions")
    test_db = connection.settings_dict["NAME"]
    server = None
    try:
        backend = get_search_backend()
        if hasattr(backend, "es"):
            prefix = settings.WAGTAILSEARCH_BACKENDS["default"].get("INDEX_PREFIX", "")
            backend.es.indices.delete(index=f"{prefix}*", ignore_unavailable=True)
            created = set()
            for model in get_indexed_models():
                index = backend.get_index_for_model(model)
                if index.name not in created:
                    index.put()
                    created.add(index.name)
                index.add_model(model)
        started = time.perf_counter()
        province, busy = build(args, random.Random(2026))
        build_seconds = time.perf_counter() - started
        if hasattr(backend, "es"):
            backend.es.indices.refresh(index=f"{prefix}*")
        from questions.models import Question

        settings_dict = connection.settings_dict
        database_url = (
            f"postgres://{urllib.parse.quote(settings_dict['USER'])}:{urllib.parse.quote(settings_dict['PASSWORD'])}"
            f"@{settings_dict['HOST']}:{settings_dict['PORT']}/{test_db}"
        )
        port = free_port()
        env = dict(
            os.environ,
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="site_config.settings.test",
            QUESTIONS_RATE_LIMIT="1000000",
            QUESTIONS_CONTACT_RATE_LIMIT="1000000",
        )
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "site_config.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "4",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        host = province.site.hostname
        wait_for(port, host)
        field_slugs = ["dat-dai", "dan-su", "hon-nhan-gia-dinh"]

        def poster(worker):
            results = []
            for number in range(args.posts):
                body = json.dumps(
                    {
                        "asker_name": f"Người gửi {worker}-{number}",
                        "email": f"gui{worker}-{number}@example.vn",
                        "field": field_slugs[number % 3],
                        "text": f"Xin hỏi về {TOPICS[(worker + number) % len(TOPICS)]}, trường hợp số {worker}-{number}.",
                        "consent_to_publish": True,
                    },
                    ensure_ascii=False,
                ).encode()
                status, data, ms, _c = request(
                    port, host, "POST", "/api/v1/questions/", body, {"Content-Type": "application/json"}
                )
                code = json.loads(data).get("tracking_code") if status == 201 else None
                results.append((status, ms, code))
            return results

        # Warm every gunicorn worker (imports, caches, connections) before measuring.
        cookie = login(port, host)
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(
                pool.map(lambda n: request(port, host, "GET", "/api/v1/questions/similar/?q=ping"), range(32))
            )
            list(
                pool.map(
                    lambda n: request(
                        port, host, "GET", "/admin/snippets/questions/question/", headers={"Cookie": cookie}
                    ),
                    range(16),
                )
            )
        poster(args.posters)
        before = Question.objects.count()
        with concurrent.futures.ThreadPoolExecutor(args.posters) as pool:
            posted = [item for batch in pool.map(poster, range(args.posters)) for item in batch]
        assert all(status in (201, 400, 429) for status, _ms, _code in posted), {s for s, _m, _c in posted}
        accepted = [code for status, _ms, code in posted if status == 201]
        stored = Question.objects.filter(tracking_code__in=accepted).count()
        post_ms = [ms for _s, ms, _c in posted]

        inbox_ms = []
        for number in range(args.requests + 3):
            status, _b, ms, _c = request(
                port, host, "GET", "/admin/snippets/questions/question/", headers={"Cookie": cookie}
            )
            assert status == 200, status
            if number >= 3:
                inbox_ms.append(ms)
        similar_ms = []
        for number in range(args.requests + 3):
            query = urllib.parse.quote(f"cho tôi hỏi {TOPICS[number % len(TOPICS)]}")
            status, data, ms, _c = request(port, host, "GET", f"/api/v1/questions/similar/?q={query}")
            assert status == 200, status
            if number >= 3:
                similar_ms.append(ms)
        result = {
            "database": connection.vendor,
            "search_backend": settings.SEARCH_BACKEND,
            "units": args.units,
            "questions_before_load": before,
            "inbox_questions": Question.objects.filter(unit=busy).count(),
            "build_seconds": round(build_seconds, 1),
            "posters": args.posters,
            "posted": len(posted),
            "accepted": len(accepted),
            "stored": stored,
            "lost": len(accepted) - stored,
            "submit_p50_ms": round(percentile(post_ms, 0.5), 1),
            "submit_p95_ms": round(percentile(post_ms, 0.95), 1),
            "inbox_p50_ms": round(percentile(inbox_ms, 0.5), 1),
            "inbox_p95_ms": round(percentile(inbox_ms, 0.95), 1),
            "similar_p50_ms": round(percentile(similar_ms, 0.5), 1),
            "similar_p95_ms": round(percentile(similar_ms, 0.95), 1),
        }
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(
        f"{result['posted']} questions posted by {result['posters']} clients: {result['accepted']} accepted, "
        f"{result['stored']} stored; submit p95 {result['submit_p95_ms']} ms, inbox of {result['inbox_questions']} "
        f"p95 {result['inbox_p95_ms']} ms, similar answers p95 {result['similar_p95_ms']} ms"
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
