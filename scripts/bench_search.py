"""Benchmark: import N synthetic legal documents, then measure search.

Runs in a throw-away test database on the configured server (DATABASE_URL;
use PostgreSQL) and throw-away indexes on the configured engine (SEARCH_BACKEND,
SEARCH_URL, SEARCH_INDEX: the indexes are named ``<SEARCH_INDEX>_test_*``).

1. Generates N realistic Vietnamese legal documents (types, issuing bodies,
   numbers, dates, effect statuses, fields, summaries and a few pages of text)
   and imports them with the legal documents importer (legal_docs.importing),
   which indexes each batch in bulk; prints the import rate, indexing included.
2. Prints the index size.
3. Starts a real HTTP server (gunicorn, 2 workers) on the throw-away database
   and sends a fixed mix of 20 queries to /api/search/ (province-wide), several
   rounds, timing each request; sends the very same engine requests that the
   API makes (same query, facets and highlights) straight to the engine.

4. With the dictionary of colloquial terms active (the shipped entries, loaded
   by migration), also times a mix of 20 citizen-style queries (dictionary
   terms, numbers typed loosely, typos): citizen_p95_ms, citizen_raw_p95_ms,
   citizen_overhead_ratio.
5. Adds the relevance test set's documents (tests/search/relevance) to the
   collection and runs its queries through the API: relevance_hit_at_1,
   relevance_hit_at_3, relevance_mrr (harder than in the test: the synthetic
   documents compete with them).

Its last line is one JSON object: docs, import_docs_per_s, p50_ms, p95_ms,
p99_ms, raw_p95_ms, overhead_ratio (API p95 / raw engine p95), the citizen
and relevance figures, dictionary_entries and loadavg.

With --checkpoints (e.g. 10000,50000) the search figures are also measured, and a JSON
line printed, when the import reaches each of those sizes.

Usage: python scripts/bench_search.py --docs 100000 [--rounds 10] [--checkpoints 10000,50000]
"""

import argparse
import datetime
import http.client
import itertools
import json
import os
import random
import signal
import socket
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.test")

DOCUMENT_TYPES = [  # (name, abbreviation, weight)
    ("Luật", "", 3),
    ("Nghị định", "NĐ", 12),
    ("Nghị quyết", "NQ", 8),
    ("Quyết định", "QĐ", 30),
    ("Thông tư", "TT", 12),
    ("Chỉ thị", "CT", 5),
    ("Kế hoạch", "KH", 20),
    ("Công văn", "CV", 10),
]
ISSUERS = {  # type -> [(issuing body, suffix)]
    "Luật": [("Quốc hội", "QH15")],
    "Nghị định": [("Chính phủ", "CP")],
    "Nghị quyết": [("Quốc hội", "QH15"), ("Chính phủ", "CP"), ("Hội đồng nhân dân tỉnh", "HĐND")],
    "Quyết định": [("Thủ tướng Chính phủ", "TTg"), ("Ủy ban nhân dân tỉnh", "UBND"), ("Bộ Tư pháp", "BTP")],
    "Thông tư": [("Bộ Tư pháp", "BTP"), ("Bộ Tài chính", "BTC"), ("Bộ Tài nguyên và Môi trường", "BTNMT")],
    "Chỉ thị": [("Thủ tướng Chính phủ", "TTg"), ("Ủy ban nhân dân tỉnh", "UBND")],
    "Kế hoạch": [("Ủy ban nhân dân tỉnh", "UBND"), ("Sở Tư pháp", "STP")],
    "Công văn": [("Sở Tư pháp", "STP"), ("Ủy ban nhân dân tỉnh", "UBND")],
}
STATUSES = [("in_force", 60), ("partly_expired", 10), ("expired", 20), ("not_yet", 5), ("suspended", 5)]
FIELDS = [
    "Đất đai",
    "Xây dựng – Đô thị",
    "Tài chính nhà nước",
    "Thuế – Phí – Lệ phí",
    "Doanh nghiệp",
    "Lao động – Tiền lương",
    "Bảo hiểm",
    "Giáo dục",
    "Y tế",
    "Tài nguyên – Môi trường",
    "Giao thông – Vận tải",
    "Hôn nhân – Gia đình",
    "Dân sự",
    "Hình sự",
    "Xử lý vi phạm hành chính",
    "Hộ tịch – Cư trú",
    "Phòng, chống tham nhũng",
    "An ninh – Trật tự",
    "Nông nghiệp",
    "Văn hóa – Xã hội",
    "Phổ biến, giáo dục pháp luật",
]
SUBJECTS = [
    "quản lý, sử dụng đất đai",
    "bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất",
    "phổ biến, giáo dục pháp luật",
    "hòa giải ở cơ sở",
    "xây dựng xã đạt chuẩn tiếp cận pháp luật",
    "xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ",
    "đăng ký và quản lý hộ tịch",
    "quản lý thuế đối với hộ kinh doanh",
    "bảo hiểm xã hội tự nguyện",
    "phòng, chống tham nhũng",
    "bảo vệ môi trường làng nghề",
    "an toàn thực phẩm",
    "phòng cháy, chữa cháy",
    "trợ giúp pháp lý",
    "chuyển đổi số trong cơ quan nhà nước",
    "cải cách thủ tục hành chính",
    "quản lý đầu tư công",
    "phát triển kinh tế tập thể, hợp tác xã",
    "giáo dục nghề nghiệp",
    "bảo vệ, chăm sóc trẻ em",
    "phòng, chống bạo lực gia đình",
    "quản lý chất thải rắn sinh hoạt",
    "khuyến nông",
    "giá đất",
    "tuyển dụng, sử dụng và quản lý công chức",
    "dịch vụ công trực tuyến",
    "cư trú",
    "thi hành án dân sự",
]
VERBS = [
    "Quy định chi tiết một số điều về",
    "Ban hành quy chế",
    "Hướng dẫn thực hiện",
    "Sửa đổi, bổ sung quy định về",
    "Triển khai thi hành",
    "Tăng cường công tác",
    "Phê duyệt đề án",
    "Tổ chức thực hiện",
]
SENTENCES = [
    "Cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành {s}.",
    "Ủy ban nhân dân cấp huyện, cấp xã tổ chức tuyên truyền, phổ biến nội dung về {s} đến người dân.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành.",
    "Sở Tư pháp chủ trì, phối hợp với các sở, ban, ngành hướng dẫn, kiểm tra việc thực hiện.",
    "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh kịp thời để xem xét, giải quyết.",
    "Việc {s} phải bảo đảm công khai, minh bạch, đúng quy định của pháp luật.",
    "Hồ sơ gồm đơn đề nghị, bản sao giấy tờ chứng minh và các tài liệu khác có liên quan.",
    "Thời hạn giải quyết không quá mười lăm ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Người vi phạm bị xử phạt cảnh cáo hoặc phạt tiền theo quy định tại Nghị định này.",
    "Chủ tịch Ủy ban nhân dân tỉnh quyết định việc {s} trên địa bàn tỉnh.",
    "Báo cáo kết quả thực hiện gửi về Sở Tư pháp trước ngày 15 tháng 12 hằng năm.",
    "Các quy định trước đây trái với quy định tại văn bản này đều bãi bỏ.",
]

# The fixed query mix (filled with real numbers of generated documents).
QUERY_TEMPLATES = [
    "{number}",
    "{number_lower}",
    "{number_spaced}",
    "{type_and_short}",
    "dat dai",
    "thu hồi đất bồi thường",
    "phổ biến giáo dục pháp luật",
    "hoa giai o co so",
    "NĐ xử phạt vi phạm hành chính",
    "QĐ UBND giá đất",
    "thông tư hộ tịch",
    "ủy ban nhân dân phòng cháy",
    '"dịch vụ công trực tuyến"',
    '"tiếp cận pháp luật"',
    "chuyen doi so",
    "bảo hiểm xã hội tự nguyện",
    "HĐND nghị quyết học phí",
    "kế hoạch tuyên truyền",
    "an toàn thực phẩm",
    "cư trú",
]
# Typed the way citizens type: dictionary terms, loose numbers, typos.
CITIZEN_QUERIES = [
    "sổ đỏ",
    "cấp sổ đỏ",
    "nhập hộ khẩu",
    "bằng lái xe",
    "ly hôn",
    "rút bảo hiểm một lần",
    "mở công ty",
    "thuế tncn",
    "làm đơn khiếu nại",
    "chia thừa kế",
    "{head_kind}",
    "{head_year}",
    "nghi dinh {head} {year}",
    "{head}/{year}",
    "luật đất đai 2013",
    "bảo hiểm xã hội tự nguyệnn",
    "giay chung nhan quyenn su dung dat",
    "xử phạt vi phạm hành chínhh",
    "tuyen truyen phap luat",
    "đăng ký thường trú",
]


def weighted(rng, pairs):
    values, weights = zip(*[(p[0], p[-1]) for p in pairs], strict=True)
    return rng.choices(values, weights=weights)[0]


def generate(n, seed=2026):
    """N records in the legal documents import format (JSON Lines records)."""
    rng = random.Random(seed)
    serial = {}
    for i in range(n):
        doc_type, abbreviation, _weight = rng.choices(DOCUMENT_TYPES, weights=[t[2] for t in DOCUMENT_TYPES])[
            0
        ]
        body_name, suffix = rng.choice(ISSUERS[doc_type])
        year = rng.randint(2005, 2026)
        key = (abbreviation, suffix, year)
        serial[key] = serial.get(key, 0) + 1
        if doc_type == "Luật":
            number = f"{serial[key]}/{year}/{suffix}"
        else:
            number = f"{serial[key]}/{year}/{abbreviation}-{suffix}"
        subject = rng.choice(SUBJECTS)
        issued = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        status = weighted(rng, STATUSES)
        effective = issued + datetime.timedelta(days=rng.choice([0, 15, 45]))
        expiry = None
        if status in ("expired", "partly_expired"):
            expiry = effective + datetime.timedelta(days=rng.randint(200, 2000))
        summary = f"{rng.choice(VERBS)} {subject}"
        paragraphs = []
        for article_number in range(1, rng.randint(8, 16)):
            sentences = " ".join(
                rng.choice(SENTENCES).format(s=rng.choice(SUBJECTS)) for _ in range(rng.randint(3, 6))
            )
            paragraphs.append(f"Điều {article_number}. {sentences}")
        record = {
            "document_number": number,
            "title": f"{doc_type} {number} {summary[0].lower()}{summary[1:]}",
            "document_type": doc_type,
            "issuing_body": body_name,
            "signer": rng.choice(["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Minh Đức"]),
            "signer_title": rng.choice(["Chủ tịch", "Phó Chủ tịch", "Bộ trưởng", "Giám đốc"]),
            "issue_date": issued.isoformat(),
            "effective_date": effective.isoformat(),
            "effect_status": status,
            "fields": rng.sample(FIELDS, rng.randint(1, 3)),
            "summary": summary,
            "body_text": "\n\n".join(paragraphs),
        }
        if expiry:
            record["expiry_date"] = expiry.isoformat()
        yield i + 1, record


def queries(records_sample):
    number = records_sample["document_number"]
    parts = number.split("/")
    values = {
        "number": number,
        "number_lower": number.lower(),
        "number_spaced": " " + " / ".join(parts),
        "type_and_short": f"{records_sample['document_type'].lower()} {parts[0]}/{parts[1]}",
    }
    return [template.format(**values) for template in QUERY_TEMPLATES]


def citizen_queries(records_sample):
    from search.numbers import document_number_parts

    parts = document_number_parts(records_sample["document_number"])
    kind = (parts.suffix[0] if parts and parts.suffix else "qd")[:2]
    values = {
        "head": parts.head,
        "year": parts.year or "2024",
        "head_kind": f"{kind}{parts.head}",
        "head_year": f"{parts.head} {parts.year or 2024}",
    }
    return [template.format(**values) for template in CITIZEN_QUERIES]


def percentile(samples, fraction):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, host, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/search/?q=ping", headers={"Host": host})
            if conn.getresponse().status in (200, 400):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the HTTP server did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10, help="times each of the 20 queries is sent")
    parser.add_argument(
        "--checkpoints",
        default="",
        help="comma-separated document counts at which to measure search too (e.g. 10000,50000)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the throw-away database and indexes")
    args = parser.parse_args()
    checkpoints = sorted({int(c) for c in args.checkpoints.split(",") if c.strip()} | {args.docs})

    import django

    django.setup()
    from benchdb import create_throwaway_database, fresh_search_indexes, start_gunicorn
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "sqlite":
        raise SystemExit(
            "bench_search needs a database server (DATABASE_URL=postgres://…): its HTTP server "
            "cannot share the in-memory SQLite database of a benchmark"
        )
    if settings.SEARCH_BACKEND == "database":
        print("warning: SEARCH_BACKEND=database; the raw engine figures are not measured", file=sys.stderr)
    create_throwaway_database("bench_search")
    test_db = connection.settings_dict["NAME"]
    server = None
    try:
        from legal_docs.importing import import_records
        from multisite.models import UnitKind
        from multisite.provisioning import UnitSpec, provision_unit

        backend, prefix, engine, page_index = fresh_search_indexes()

        province = provision_unit(
            UnitSpec(code="tinh-do-tai", name="Tỉnh Đo Tải", kind=UnitKind.PROVINCE)
        ).unit
        units = [province] + [
            provision_unit(
                UnitSpec(code=f"xa-{n}", name=f"Xã Số {n}", kind=UnitKind.COMMUNE, parent_code=province.code)
            ).unit
            for n in (1, 2, 3)
        ]

        port = free_port()
        server = start_gunicorn(test_db, port)
        host = province.site.hostname
        wait_for(port, host)

        sample = None
        imported = invalid = 0
        import_seconds = 0.0
        records = generate(args.docs)
        chunk_size = 500
        position = 0
        for checkpoint in checkpoints:
            if engine:
                backend.es.indices.put_settings(index=page_index, body={"index": {"refresh_interval": "30s"}})
            while imported + invalid < checkpoint:
                chunk = list(itertools.islice(records, min(chunk_size, checkpoint - imported - invalid)))
                if not chunk:
                    break
                unit = units[position % len(units)]
                position += 1
                sample = sample or chunk[len(chunk) // 2][1]
                started = time.perf_counter()
                for result in import_records(iter(chunk), unit, publish=True):
                    if result.page_id:
                        imported += 1
                    else:
                        invalid += 1
                        if invalid <= 5:
                            print("invalid line", result.line, result.errors, file=sys.stderr)
                import_seconds += time.perf_counter() - started
                if position % 10 == 0:
                    print(
                        f"imported {imported} documents, {imported / import_seconds:.1f}/s",
                        file=sys.stderr,
                        flush=True,
                    )
            if engine:
                backend.es.indices.put_settings(index=page_index, body={"index": {"refresh_interval": "1s"}})
                backend.refresh_indexes()
            figures = measure(
                args, backend, engine, page_index, prefix, port, host, sample, imported, invalid
            )
            figures["import_docs_per_s"] = round(imported / import_seconds, 1)
            figures["database"] = connection.vendor
            figures["engine"] = settings.SEARCH_BACKEND
            print(
                f"import: {imported} documents ({invalid} invalid) in {import_seconds:.1f} s "
                f"= {figures['import_docs_per_s']} documents/s (indexing included)"
            )
            if checkpoint == checkpoints[-1]:
                figures.update(relevance(port, host, province))
            figures["loadavg"] = [round(value, 2) for value in os.getloadavg()]
            ordered = {key: figures.pop(key) for key in ("docs", "import_docs_per_s")}
            print(json.dumps({**ordered, **figures}), flush=True)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if not args.keep:
            if settings.SEARCH_BACKEND != "database":
                from wagtail.search.backends import get_search_backend

                prefix = settings.WAGTAILSEARCH_BACKENDS["default"].get("INDEX_PREFIX", "")
                get_search_backend().es.indices.delete(index=f"{prefix}*", ignore_unavailable=True)
            connection.creation.destroy_test_db(test_db, verbosity=0)


def measure(args, backend, engine, page_index, prefix, port, host, sample, imported, invalid):
    """Index size and the latency of the query mix, through HTTP and straight to the engine."""
    from search.service import parse

    index_bytes = None
    if engine:
        stats = backend.es.indices.stats(index=f"{prefix}*")
        index_bytes = stats["_all"]["primaries"]["store"]["size_in_bytes"]
        docs_in_index = backend.es.count(index=page_index)["count"]
        print(f"index: {docs_in_index} documents, {index_bytes / 1048576:.1f} MiB (primaries)")

    from search.models import DictionaryEntry

    figures = latency(args, backend, engine, port, host, queries(sample), parse)
    citizen = latency(args, backend, engine, port, host, citizen_queries(sample), parse)
    print(f"citizen-style queries: {json.dumps(citizen_queries(sample), ensure_ascii=False)}")
    figures.update(
        docs=imported,
        invalid=invalid,
        index_mib=round(index_bytes / 1048576, 1) if index_bytes else None,
        dictionary_entries=DictionaryEntry.objects.count(),
        citizen_p50_ms=citizen["p50_ms"],
        citizen_p95_ms=citizen["p95_ms"],
        citizen_raw_p95_ms=citizen["raw_p95_ms"],
        citizen_overhead_ratio=citizen["overhead_ratio"],
    )
    return figures


def relevance(port, host, province):
    """The relevance set's documents added to the collection, its queries through the API."""
    from wagtail.search.backends import get_search_backend

    from tests.search.relevance import harness

    harness.create_documents(province)
    backend = get_search_backend()
    if hasattr(backend, "refresh_indexes"):
        backend.refresh_indexes()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def search(query):
        return [result["document_number"] for result in _api(conn, host, query)["results"]]

    figures, details = harness.evaluate(search)
    conn.close()
    print("relevance set:", figures, "not first:", [(q, rank) for q, _expected, rank in details if rank != 1])
    return {f"relevance_{key}": value for key, value in figures.items()}


def latency(args, backend, engine, port, host, mix, parse):
    """p50/p95/p99 of ``mix`` through HTTP, and of the same requests sent to the engine."""
    api_samples, raw_samples = [], []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    raw_requests = [_engine_request(backend, query, parse) for query in mix] if engine else []
    for position, query in enumerate(mix):  # warm both sides once
        _api(conn, host, query)
        if engine:
            results, body, params = raw_requests[position]
            results._backend_do_search(body, **params)
    for _round in range(args.rounds):
        for position, query in enumerate(mix):
            started = time.perf_counter()
            data = _api(conn, host, query)
            api_samples.append((time.perf_counter() - started) * 1000)
            assert "results" in data and not data.get("degraded"), data
            if engine:
                results, body, params = raw_requests[position]
                started = time.perf_counter()
                results._backend_do_search(body, **params)
                raw_samples.append((time.perf_counter() - started) * 1000)
    conn.close()
    first = _api(http.client.HTTPConnection("127.0.0.1", port, timeout=60), host, mix[0])
    print("query mix:", json.dumps(mix, ensure_ascii=False))
    print(
        f"first query {mix[0]!r}: count {first['count']}, "
        f"first result {first['results'][0]['document_number'] if first['results'] else None!r}"
    )

    p50, p95, p99 = (percentile(api_samples, f) for f in (0.5, 0.95, 0.99))
    raw_p50 = percentile(raw_samples, 0.5) if raw_samples else None
    raw_p95 = percentile(raw_samples, 0.95) if raw_samples else None
    print(
        f"/api/search/ over HTTP: p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms ({len(api_samples)} requests)"
    )
    if raw_samples:
        print(f"same engine requests sent straight to the engine: p50 {raw_p50:.1f} ms, p95 {raw_p95:.1f} ms")
    return {
        "requests": len(api_samples),
        "p50_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "p99_ms": round(p99, 1),
        "raw_p50_ms": round(raw_p50, 1) if raw_p50 else None,
        "raw_p95_ms": round(raw_p95, 1) if raw_p95 else None,
        "overhead_ratio": round(p95 / raw_p95, 2) if raw_p95 else None,
    }


def _api(conn, host, query):
    path = "/api/search/?" + urllib.parse.urlencode({"q": query, "scope": "all"})
    conn.request("GET", path, headers={"Host": host})
    response = conn.getresponse()
    body = response.read()
    assert response.status == 200, (response.status, body[:500])
    return json.loads(body)


def _engine_request(backend, query, parse):
    """The engine request the API sends for ``query`` (province-wide, live public pages)."""
    from wagtail.models import Page

    compiler = backend.query_compiler_class(Page.objects.live().public().specific(), parse(query))
    compiler.raw_query_string = query
    compiler.facet_filters = {}
    compiler.forgive_typos = True
    results = backend.results_class(backend, compiler)
    body, params = results.engine_request(0, 20)
    return results, body, params


if __name__ == "__main__":
    main()
