"""A change made by one process is seen by every worker of a running server within
5 seconds with the production cache (issue 12, part 7).

A real gunicorn with two workers serves a throw-away SQLite portal with the database
cache (production's default). Both workers first cache the province's home, then
``manage.py provision_unit`` — another process — adds a commune; every response
after at most 5 seconds must list it. With a cache per process (``locmem``) the
workers would go on serving the old list for up to an hour.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
NEW_UNIT = "Xã Mới Thành Lập"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def home(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/", headers={"Host": f"tinh.localhost:{port}"})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    assert response.status == 200, body[:500]
    return body


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("coherence")
    port = free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DATABASE_", "CACHE_", "SEARCH_", "REDIS"))
        },
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'portal.sqlite3'}",
        "CACHE_BACKEND": "database",
        "SEARCH_BACKEND": "database",
        "MEDIA_ROOT": str(workdir / "media"),
        "PORTAL_BASE_DOMAIN": "localhost",
        "PORTAL_PORT": str(port),
    }
    manage(env, "migrate", "--noinput", "--verbosity=0")
    manage(env, "provision_unit", "--code", "tinh", "--name", "Tỉnh Thử", "--kind", "province")
    manage(
        env, "provision_unit", "--code", "xa-cu", "--name", "Xã Cũ", "--kind", "commune", "--parent", "tinh"
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "site_config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                home(port)
                break
            except (OSError, http.client.HTTPException):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.3)
        yield env, port
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_commands_change_reaches_every_worker_within_5_seconds(server):
    env, port = server
    for _ in range(20):  # both workers cache the home page's list of units
        assert "Xã Cũ" in home(port) and NEW_UNIT not in home(port)

    manage(
        env, "provision_unit", "--code", "xa-moi", "--name", NEW_UNIT, "--kind", "commune", "--parent", "tinh"
    )
    changed_at = time.monotonic()

    # Within 5 s, and from then on in every response (both workers answer in turn).
    while NEW_UNIT not in home(port):
        assert time.monotonic() - changed_at < 5, "a worker still serves the old list after 5 s"
        time.sleep(0.1)
    assert all(NEW_UNIT in home(port) for _ in range(20))
