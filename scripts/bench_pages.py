"""Benchmark: pages for every visitor, the search API against the raw engine (issue 16).

In a throw-away database on the configured server (DATABASE_URL; PostgreSQL) with
the demo province of `make run` (home.demo.seed) and, with SEARCH_BACKEND=opensearch,
a fresh index:

1. gunicorn (2 sync workers, the database cache shared by the workers as in
   production, the whole-page cache on; scripts/bench_pages_settings.py) serves
   the portal and, as the floor, a bare Django view returning 20 KB.
2. wrk (Debian's package) measures, interleaved over ROUNDS rounds, the floor,
   the provincial home, a unit home, an article, a legal document and a filtered
   document listing, warm (the page cache filled) and cold (every request has a
   new query string, so it misses the page cache and renders; the other caches stay),
   at CONNECTIONS connections; then the search API against the same engine request
   sent straight to the engine, at 8 and 32 connections; the API twice: as
   deployed (a repeated search is answered from the answer cache) and on a second
   gunicorn with SEARCH_ANSWER_SECONDS=0 (every request asks the engine).
3. Publishing an article, then asking for it at once: whether the next request
   shows it, and how long publish-to-visible took (also through nginx with --nginx,
   where the portal purges the proxy's copy).
4. With --nginx, Debian's nginx in front (deploy/nginx/pbgdpl.conf's cache rules)
   and the warm pages measured through it as well.

Figures are medians over the rounds; ratios are to the floor (pages) or to the
raw engine (search). The load average is printed with them: the machine is shared.
The last line is one JSON object with floor_rps, warm_ratio, cold_ratio,
search_ratio and the rest.

Usage: DATABASE_URL=postgres://… SEARCH_BACKEND=opensearch python scripts/bench_pages.py
       [--rounds 3] [--seconds 5] [--connections 32] [--nginx]
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench_pages_settings"
os.environ.setdefault("SEARCH_INDEX", "pbgdpl_bench_pages")

COLD_SCRIPT = """
local counter = 0
local tag = tostring(math.random(1, 1000000000))
function setup(thread) thread:set("tag", tostring(math.random(1, 1000000000))) end
request = function()
  counter = counter + 1
  local path = wrk.path
  local sep = string.find(path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, path .. sep .. "_cold=" .. tag .. "-" .. counter)
end
"""
POST_SCRIPT = """
local f = io.open("{body}", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
"""


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, host, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": host, **(headers or {})})
    response = conn.getresponse()
    body = response.read()
    return response.status, dict(response.getheaders()), body


def wait_for(port, host, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if get(port, host, "/__floor__/")[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the HTTP server did not start")


def start_gunicorn(database_url, port, **environment):
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench_pages_settings",
        PYTHONPATH=f"{SCRIPTS}:{ROOT}",
        **environment,
    )
    command = [str(Path(sys.executable).parent / "gunicorn"), "site_config.wsgi", "-b", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        [*command, "-w", "2", "--log-level", "warning"], cwd=ROOT, env=env, start_new_session=True
    )


NGINX_CONF = """
load_module /usr/lib/nginx/modules/ngx_http_cache_purge_module.so;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    proxy_cache_path {dir}/cache levels=1:2 keys_zone=pbgdpl:20m max_size=200m inactive=30m use_temp_path=off;
    upstream pbgdpl_app {{ server 127.0.0.1:{upstream}; keepalive 32; }}
    map $http_cookie $pbgdpl_personal {{ default 0; "~*(^|;\\s*)(sessionid|messages)=" 1; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://pbgdpl_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_cache pbgdpl;
            proxy_cache_key $host$request_uri;
            proxy_cache_bypass $pbgdpl_personal;
            proxy_no_cache $pbgdpl_personal;
            proxy_ignore_headers Vary;
            proxy_cache_revalidate on;
            proxy_cache_lock on;
            proxy_cache_use_stale error timeout updating;
            add_header X-Proxy-Cache $upstream_cache_status always;
        }}
    }}
    server {{
        listen 127.0.0.1:{purge_port};
        location / {{
            allow 127.0.0.1;
            deny all;
            proxy_cache_purge pbgdpl $host$request_uri;
        }}
    }}
}}
"""


def start_nginx(directory, port, purge_port, upstream):
    """Debian's nginx in the foreground with the reference configuration's cache rules
    (deploy/nginx/pbgdpl.conf); ``purge_port`` takes the portal's PURGE requests."""
    if not shutil.which("nginx"):
        raise SystemExit("nginx is missing: apt-get install nginx libnginx-mod-http-cache-purge")
    conf = Path(directory) / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=directory, port=port, purge_port=purge_port, upstream=upstream))
    return subprocess.Popen(
        ["nginx", "-p", str(directory), "-c", str(conf), "-g", "daemon off;"], start_new_session=True
    )


def wrk(url, host, connections, seconds, script=None):
    """Requests per second, p50 and p99 in ms, and non-2xx/3xx answers of one wrk run."""
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        f"Host: {host}",
    ]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50_ms": _latency(output, "50%"),
        "p99_ms": _latency(output, "99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def _latency(output, label):
    value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", output).groups()
    return round(float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], 2)


def median_of(runs):
    return {key: round(statistics.median(run[key] for run in runs), 2) for key in runs[0]}


def targets(province_host):
    """(name, host, path) of the pages measured, found in the demo province."""
    from home.models import ArticlePage
    from legal_docs.models import LegalDocumentIndexPage, LegalDocumentPage
    from multisite.models import Unit, UnitKind

    unit = Unit.objects.filter(kind=UnitKind.DEPARTMENT).select_related("site").order_by("pk").first()
    article = ArticlePage.objects.live().filter(path__startswith=unit.site.root_page.path).first()
    document = LegalDocumentPage.objects.live().order_by("pk").first()
    index = LegalDocumentIndexPage.objects.live().order_by("depth", "pk").first()
    field = document.fields.first()
    listing = index.get_url_parts()[2] + (f"?linhvuc={field.slug}" if field else "?hieuluc=in_force")

    def where(page):
        site_id, root_url, path = page.get_url_parts()
        return root_url.split("://", 1)[1].split(":")[0], path

    return [
        ("province_home", province_host, "/"),
        ("unit_home", unit.site.hostname, "/"),
        ("article", *where(article)),
        ("legal_document", *where(document)),
        ("filtered_listing", where(index)[0], listing),
    ]


def raw_engine_request(directory, query):
    """The engine request the search API sends for ``query``, as a URL and a body file."""
    from wagtail.models import Page

    from search.service import parse, search_backend

    backend = search_backend()
    compiler = backend.query_compiler_class(Page.objects.live().public().specific(), parse(query))
    compiler.raw_query_string = query
    compiler.facet_filters = {}
    results = backend.results_class(backend, compiler)
    body, params = results.engine_request(0, 20)
    index = params.pop("index")
    params["from"] = params.pop("from_")
    params = {key: str(value).lower() if isinstance(value, bool) else value for key, value in params.items()}
    body_file = Path(directory) / "engine-body.json"
    body_file.write_text(json.dumps(body))
    script = Path(directory) / "engine.lua"
    script.write_text(POST_SCRIPT.format(body=body_file))
    host = backend.hosts[0]
    query_string = "&".join(f"{key}={value}" for key, value in params.items())
    return f"http://{host['host']}:{host['port']}/{index}/_search?{query_string}", script


def publish_to_visible(port, host, path, article):
    """Publish a new title and ask for the page at once: (visible on the next request, ms)."""
    status, _headers, _body = get(port, host, path)  # cached
    title = f"Tin đã sửa lúc {time.time():.0f}"
    article.title = title
    started = time.perf_counter()
    article.save_revision().publish()
    status, _headers, body = get(port, host, path)
    elapsed = (time.perf_counter() - started) * 1000
    return title in body.decode(), round(elapsed, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--nginx", action="store_true", help="also measure warm pages through nginx")
    parser.add_argument("--query", default="đất đai")
    parser.add_argument("--search-only", action="store_true", help="only the search API against the engine")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    import django

    django.setup()
    from benchdb import create_throwaway_database, fresh_search_indexes
    from django.core.cache import cache
    from django.db import connection

    if connection.vendor == "sqlite":
        raise SystemExit("bench_pages needs a database server (DATABASE_URL=postgres://…)")
    configured = create_throwaway_database("bench_pages")
    database = connection.settings_dict
    database_url = (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}"
    )
    processes = []
    workdir = tempfile.mkdtemp(prefix="bench-pages-")
    # nginx's workers run as an unprivileged user: they must reach its cache below.
    os.chmod(workdir, 0o755)
    figures = {}
    try:
        _backend, _prefix, engine, _pages_index = fresh_search_indexes()
        from home import demo
        from home.models import ArticlePage
        from multisite.models import Unit, UnitKind

        started = time.perf_counter()
        demo.seed(write=lambda line: None)
        figures["seed_s"] = round(time.perf_counter() - started, 1)
        if engine:
            _backend.refresh_indexes()
        province = Unit.objects.select_related("site").get(kind=UnitKind.PROVINCE)
        pages = targets(province.site.hostname)
        print(f"demo seeded in {figures['seed_s']} s; pages: {pages}", flush=True)

        port = free_port()
        environment = {}
        nginx_port = free_port() if args.nginx else None
        if nginx_port:
            from django.conf import settings

            purge_port = free_port()
            environment["FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{purge_port}"
            # This process publishes in step 3: it purges the proxy as gunicorn's workers would.
            settings.WAGTAILFRONTENDCACHE = {
                "proxy": {
                    "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                    "LOCATION": environment["FRONTEND_CACHE_URL"],
                }
            }
        processes.append(start_gunicorn(database_url, port, **environment))
        wait_for(port, province.site.hostname)
        if nginx_port:
            processes.append(start_nginx(workdir, nginx_port, purge_port, port))
            wait_for(nginx_port, province.site.hostname)
        base = f"http://127.0.0.1:{port}"
        cold_script = Path(workdir) / "cold.lua"
        cold_script.write_text(COLD_SCRIPT)
        for _name, host, path in pages:  # fill the page cache (and check every page answers)
            status, headers, _body = get(port, host, path)
            assert status == 200, (host, path, status)

        runs = {}
        for round_number in range(args.rounds):
            plan = [("floor", province.site.hostname, "/__floor__/", None, port)]
            for name, host, path in [] if args.search_only else pages:
                plan.append((f"warm:{name}", host, path, None, port))
                plan.append((f"cold:{name}", host, path, str(cold_script), port))
                if nginx_port:
                    plan.append((f"nginx:{name}", host, path, None, nginx_port))
            for key, host, path, script, target_port in plan:
                url = f"http://127.0.0.1:{target_port}{path}"
                runs.setdefault(key, []).append(wrk(url, host, args.connections, args.seconds, script))
            print(f"round {round_number + 1}: load average {os.getloadavg()}", flush=True)

        search_runs = {}
        if engine:
            from urllib.parse import quote

            engine_url, engine_script = raw_engine_request(workdir, args.query)
            api_path = f"/api/search/?q={quote(args.query)}"
            # The same gunicorn without the answer cache: every request asks the engine.
            uncached_port = free_port()
            uncached = start_gunicorn(database_url, uncached_port, SEARCH_ANSWER_SECONDS="0", **environment)
            processes.append(uncached)
            wait_for(uncached_port, province.site.hostname)
            uncached_url = f"http://127.0.0.1:{uncached_port}{api_path}"
            for _round in range(args.rounds):
                for connections in (8, 32):
                    search_runs.setdefault(f"api:{connections}", []).append(
                        wrk(base + api_path, province.site.hostname, connections, args.seconds)
                    )
                    search_runs.setdefault(f"api-uncached:{connections}", []).append(
                        wrk(uncached_url, province.site.hostname, connections, args.seconds)
                    )
                    search_runs.setdefault(f"raw:{connections}", []).append(
                        wrk(engine_url, "127.0.0.1", connections, args.seconds, str(engine_script))
                    )
            os.killpg(uncached.pid, signal.SIGTERM)

        unit = Unit.objects.filter(kind=UnitKind.DEPARTMENT).select_related("site").order_by("pk").first()
        article = ArticlePage.objects.live().filter(path__startswith=unit.site.root_page.path).first()
        article_path = article.get_url_parts()[2]
        visible, publish_ms = publish_to_visible(port, unit.site.hostname, article_path, article)
        figures["publish_visible_next_request"] = visible
        figures["publish_to_visible_ms"] = publish_ms
        if nginx_port:
            article = ArticlePage.objects.get(pk=article.pk)
            try:
                get(nginx_port, unit.site.hostname, article_path)  # stored by the proxy
                visible, publish_ms = publish_to_visible(
                    nginx_port, unit.site.hostname, article_path, article
                )
                figures["nginx_publish_visible_next_request"] = visible
                figures["nginx_publish_to_visible_ms"] = publish_ms
            except OSError as error:
                figures["nginx_error"] = str(error)
                log = Path(workdir) / "error.log"
                figures["nginx_error_log"] = log.read_text()[-2000:] if log.exists() else ""

        results = {key: median_of(value) for key, value in {**runs, **search_runs}.items()}
        floor = results["floor"]["rps"]
        print(f"\n{'':24} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>7} errors")
        for key, result in results.items():
            reference = floor
            if key.startswith("api"):
                reference = results.get("raw:" + key.split(":")[1], {}).get("rps")
            ratio = result["rps"] / reference if reference and not key.startswith("raw:") else None
            ratio_text = f"{ratio:7.3f}" if ratio is not None else " " * 7
            print(
                f"{key:24} {result['rps']:9.1f} {result['p50_ms']:8.1f} {result['p99_ms']:8.1f} "
                f"{ratio_text} {result['errors']}"
            )
        names = [] if args.search_only else [name for name, _host, _path in pages]
        warm = [results[f"warm:{name}"]["rps"] for name in names] or [0]
        cold = [results[f"cold:{name}"]["rps"] for name in names] or [0]
        figures.update(
            floor_rps=floor,
            warm_ratio=round(min(warm) / floor, 3),
            warm_ratio_median=round(statistics.median(warm) / floor, 3),
            warm_p99_ms_max=max((results[f"warm:{name}"]["p99_ms"] for name in names), default=0),
            cold_ratio=round(min(cold) / floor, 3),
            cold_ratio_median=round(statistics.median(cold) / floor, 3),
            search_ratio=(
                round(results["api:8"]["rps"] / results["raw:8"]["rps"], 3) if "api:8" in results else None
            ),
            search_ratio_uncached=(
                round(results["api-uncached:8"]["rps"] / results["raw:8"]["rps"], 3)
                if "api-uncached:8" in results
                else None
            ),
            search_ratio_32=(
                round(results["api:32"]["rps"] / results["raw:32"]["rps"], 3) if "api:32" in results else None
            ),
            connections=args.connections,
            rounds=args.rounds,
            seconds=args.seconds,
            pages={key: value for key, value in results.items()},
            loadavg=[round(value, 2) for value in os.getloadavg()],
        )
        if nginx_port:
            figures["nginx_warm_ratio"] = round(
                min(results[f"nginx:{name}"]["rps"] for name in names) / floor, 3
            )
        print(json.dumps(figures, ensure_ascii=False))
        cache.clear()
    finally:
        for process in reversed(processes):
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(workdir, ignore_errors=True)
        connection.creation.destroy_test_db(configured, verbosity=0)


if __name__ == "__main__":
    main()
