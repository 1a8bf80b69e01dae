"""A second instance of this project on the loopback address, standing in for
the national PBGDPL portal: its own SQLite database, served by gunicorn.

Its database is migrated once per set of migrations and kept under
``.cache/second-instance`` (a file lock keeps test processes from building it
twice); each test session copies it, provisions a province and serves it.
"""

import fcntl
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.legal_docs.conftest import jsonl  # noqa: F401 - a fixture of these tests too

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "second-instance"
INTAKE_KEY = "tinh-thu-nghiem"
INTAKE_SECRET = "bi-mat-dung-chung-cho-thu-nghiem"


def _migrations_digest():
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SecondInstance:
    """The other portal: ``manage(...)`` runs its commands, ``url`` serves it."""

    def __init__(self, folder):
        self.folder = folder
        self.database = folder / "second.sqlite3"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "SEARCH_"))},
            "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
            "DATABASE_URL": f"sqlite:///{self.database}",
            "SEARCH_BACKEND": "database",
            "PYTEST_XDIST_WORKER": "second",
            "SYNC_INTAKE_KEYS": f"{INTAKE_KEY}:{INTAKE_SECRET}",
            "API_RATE_LIMIT": "100000",
        }
        self.process = None

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if result.returncode:
            raise AssertionError(f"second instance: {' '.join(args)}\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def import_documents(self, records):
        path = self.folder / f"import-{time.monotonic_ns()}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return self.manage("import_legal_docs", str(path))

    def push(self, resource, obj, secret=INTAKE_SECRET, delivery_id=None):
        """POST one signed delivery to the instance's intake; (status code, JSON answer)."""
        from portal_sync.push import KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign

        body = json.dumps(
            {"id": delivery_id or str(uuid.uuid4()), "resource": resource, "object": obj}, ensure_ascii=False
        ).encode()
        timestamp = int(time.time())
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{self.url}/api/v1/intake/",
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                KEY_HEADER: INTAKE_KEY,
                TIMESTAMP_HEADER: str(timestamp),
                SIGNATURE_HEADER: sign(secret, timestamp, body),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def start(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "site_config.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                "1",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/api/v1/", timeout=2).read()  # noqa: S310 - loopback
                return
            except OSError:
                time.sleep(0.3)
        raise AssertionError("the second instance did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None

    def get(self, path):
        with urllib.request.urlopen(f"{self.url}{path}", timeout=10) as response:  # noqa: S310 - loopback
            return json.loads(response.read())


def migrated_template():
    """A migrated SQLite database of this project's current migrations."""
    CACHE.mkdir(parents=True, exist_ok=True)
    template = CACHE / f"{_migrations_digest()}.sqlite3"
    with open(CACHE / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            for old in CACHE.glob("*.sqlite3"):
                old.unlink()
            building = CACHE / "building.sqlite3"
            building.unlink(missing_ok=True)
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "SEARCH_"))},
                "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
                "DATABASE_URL": f"sqlite:///{building}",
                "SEARCH_BACKEND": "database",
            }
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
            )
            building.rename(template)
    return template


@pytest.fixture(scope="session")
def second_instance(tmp_path_factory):
    folder = tmp_path_factory.mktemp("second-instance")
    instance = SecondInstance(folder)
    shutil.copy(migrated_template(), instance.database)
    instance.manage(
        "provision_unit",
        "--code",
        "quoc-gia",
        "--name",
        "Cổng PBGDPL quốc gia",
        "--kind",
        "province",
        "--hostname",
        "127.0.0.1",
    )
    instance.start()
    yield instance
    instance.stop()
