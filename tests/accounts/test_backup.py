"""seed → backup → drop the database and media → restore, each step a separate ``manage.py`` process.

The processes work on throw-away databases (a file on SQLite, a database of
their own on PostgreSQL) copied from the freshly migrated test database, and
on a temporary MEDIA_ROOT, so nothing the test process holds in memory (content
types, caches, an open transaction) can hide a bug. Tables are compared
through the database driver, not through Django.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

# The mark makes pytest-django create the test database, which the module copies.
pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
INDEX_TABLES = "wagtailsearch_indexentry"  # rebuilt by update_index: compared by what is indexed
INDEX_KEYS = "SELECT content_type_id, object_id FROM wagtailsearch_indexentry"
SESSIONS = "django_session"


def manage(*arguments, env, module=None):
    """Run ``manage.py`` (or ``python -m module``) in a fresh interpreter; returns the finished process."""
    command = (
        [sys.executable, "-m", module, *arguments] if module else [sys.executable, "manage.py", *arguments]
    )
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )


class SQLiteDatabases:
    def __init__(self, workdir):
        self.workdir = workdir

    def path(self, name):
        return self.workdir / f"{name}.sqlite3"

    def url(self, name):
        return f"sqlite:///{self.path(name)}"

    def create_migrated(self, name):
        """A copy of the test database: migrated by this code, content types and permissions included."""
        connection.ensure_connection()
        copy = sqlite3.connect(self.path(name))
        connection.connection.backup(copy)
        copy.close()

    def drop(self, name):
        self.path(name).unlink(missing_ok=True)

    def digest(self, name):
        db = sqlite3.connect(self.path(name))
        try:
            tables = [
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            result = {
                table: _rows_digest(db.execute(f'SELECT * FROM "{table}"').fetchall()) for table in tables
            }  # noqa: S608
            result["indexed"] = set(db.execute(INDEX_KEYS).fetchall())
            return result
        finally:
            db.close()

    def execute(self, name, sql):
        db = sqlite3.connect(self.path(name))
        db.execute(sql)
        db.commit()
        db.close()


def _rows_digest(rows):
    text = "\n".join(sorted(repr(tuple(row)) for row in rows))
    return len(rows), hashlib.sha256(text.encode()).hexdigest()


class PostgresDatabases:
    def __init__(self):
        self.settings = dict(connection.settings_dict)
        self.template = self.settings["NAME"]

    def _connect(self, name="postgres"):
        import psycopg2

        db = psycopg2.connect(
            dbname=name,
            host=self.settings["HOST"] or None,
            port=self.settings["PORT"] or None,
            user=self.settings["USER"],
            password=self.settings["PASSWORD"],
        )
        db.autocommit = True
        return db

    def real_name(self, name):
        return f"{self.template}_{name}"

    def url(self, name):
        s = self.settings
        return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{self.real_name(name)}"

    def create_migrated(self, name):
        connections.close_all()  # CREATE DATABASE … TEMPLATE needs the template to have no session
        self.drop(name)
        db = self._connect()
        with db.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{self.real_name(name)}" TEMPLATE "{self.template}"')
        db.close()

    def drop(self, name):
        db = self._connect()
        with db.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.real_name(name)}" WITH (FORCE)')
        db.close()

    def digest(self, name):
        db = self._connect(self.real_name(name))
        try:
            with db.cursor() as cursor:
                cursor.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                )
                tables = [row[0] for row in cursor.fetchall()]
                result = {}
                for table in tables:
                    cursor.execute(
                        f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "  # noqa: S608
                        f'FROM "{table}" t'
                    )
                    result[table] = tuple(cursor.fetchone())
                cursor.execute(
                    "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
                )
                result.update({f"sequence {name}": value for name, value in cursor.fetchall()})
                cursor.execute(INDEX_KEYS)
                result["indexed"] = set(cursor.fetchall())
            return result
        finally:
            db.close()

    def execute(self, name, sql):
        db = self._connect(self.real_name(name))
        with db.cursor() as cursor:
            cursor.execute(sql)
        db.close()


def media_checksums(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


def comparable(digest):
    """Every table's (rows, checksum) and sequence but the search index's and the sessions'."""
    return {
        table: value
        for table, value in digest.items()
        if table not in {SESSIONS, "indexed"} and not table.removeprefix("sequence ").startswith(INDEX_TABLES)
    }


@pytest.fixture(scope="module")
def round_trip(django_db_setup, django_db_blocker, tmp_path_factory):
    """Run the whole cycle once for the module; yields what the tests compare."""
    workdir = tmp_path_factory.mktemp("sao-luu")
    media = workdir / "media"
    archive = workdir / "pbgdpl.tar.gz"
    with django_db_blocker.unblock():
        databases = PostgresDatabases() if connection.vendor == "postgresql" else SQLiteDatabases(workdir)
        databases.create_migrated("bk_src")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
            "DATABASE_URL": databases.url("bk_src"),
            "MEDIA_ROOT": str(media),
            "SEARCH_BACKEND": "database",
            "CACHE_BACKEND": "locmem",
        }
        try:
            started = time.monotonic()
            seeded = manage(str(workdir), env=env, module="tests.accounts.backup_seed")
            seed_seconds = time.monotonic() - started
            assert seeded.returncode == 0, seeded.stderr
            before = databases.digest("bk_src")
            before_media = media_checksums(media)

            started = time.monotonic()
            backup = manage("backup", "--output", str(archive), env=env)
            backup_seconds = time.monotonic() - started
            assert backup.returncode == 0, backup.stderr
            assert "Đã sao lưu" in backup.stdout

            databases.drop("bk_src")
            shutil.rmtree(media)
            databases.create_migrated("bk_dst")  # the reported case: a freshly migrated database
            env["DATABASE_URL"] = databases.url("bk_dst")
            started = time.monotonic()
            restore = manage("restore", str(archive), env=env)
            restore_seconds = time.monotonic() - started
            assert restore.returncode == 0, restore.stderr
            print(
                f"{connection.vendor}: seed {seed_seconds:.1f} s, backup {backup_seconds:.1f} s, restore {restore_seconds:.1f} s"
            )
            yield {
                "databases": databases,
                "env": env,
                "archive": archive,
                "workdir": workdir,
                "media": media,
                "before": before,
                "before_media": before_media,
                "restore_output": restore.stdout,
            }
        finally:
            databases.drop("bk_src")
            databases.drop("bk_dst")


def test_restore_brings_back_every_row_and_file(round_trip):
    before, databases = round_trip["before"], round_trip["databases"]
    assert "Đã khôi phục" in round_trip["restore_output"]
    assert before[SESSIONS][0] == 1, "the seed writes a session"
    assert any(before[table][0] for table in before if table.startswith(INDEX_TABLES)), "the seed is indexed"
    for table in [
        "wagtailcore_page",
        "wagtailimages_rendition",
        "legal_docs_legaldocumentpage",
        "accounts_authevent",
    ]:
        assert before[table][0] > 0, table

    after = databases.digest("bk_dst")
    assert after[SESSIONS][0] == 0, "sessions are credentials: never in a backup"
    assert comparable(after) == comparable(before)
    assert before["indexed"] <= after["indexed"], "update_index rebuilt the search index"
    assert round_trip["before_media"], "the seed uploads files"
    assert media_checksums(round_trip["media"]) == round_trip["before_media"]


def test_archive_holds_manifest_database_and_media_with_checksums(round_trip):
    with tarfile.open(round_trip["archive"], "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        names = set(archive.getnames())
        for name, checksum in manifest["files"].items():
            assert hashlib.sha256(archive.extractfile(name).read()).hexdigest() == checksum
    assert manifest["format"] == "pbgdpl-backup" and manifest["version"] == 2
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["member"] in names
    assert "accounts.0001_initial" in manifest["migrations"]
    assert any(name.startswith("media/original_images/") for name in names)
    assert any(name.startswith("media/documents/") for name in names)


def rewrite(archive, target, change):
    """Copy ``archive`` to ``target`` with ``change(name, data) -> data`` applied to each member."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as sink:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            sink.addfile(member, io.BytesIO(data))


def with_manifest(**changes):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        for key, value in changes.items():
            manifest[key] = value(manifest[key]) if callable(value) else value
        return json.dumps(manifest).encode()

    return change


def refusals(archive, workdir):
    """(archive, expected Vietnamese message) pairs, each of which restore must refuse untouched."""
    cases = []

    def case(name, change, message):
        target = workdir / name
        rewrite(archive, target, change)
        cases.append((target, message))

    case(
        "moi-hon.tar.gz",
        with_manifest(migrations=lambda names: [*names, "accounts.9999_tuong_lai"]),
        "phiên bản phần mềm mới hơn",
    )
    case(
        "cu-hon.tar.gz",
        with_manifest(migrations=lambda names: [n for n in names if n != "accounts.0001_initial"]),
        "phiên bản phần mềm cũ hơn",
    )
    case(
        "hong.tar.gz",
        lambda name, data: data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("database.") else data,
        "sai mã kiểm tra",
    )
    case(
        "khac-csdl.tar.gz",
        with_manifest(database=lambda db: {**db, "vendor": "mysql"}),
        "không khôi phục được vào cơ sở dữ liệu",
    )
    case("dinh-dang-cu.tar.gz", with_manifest(version=1), "định dạng cũ")
    case("la.tar.gz", with_manifest(format="khac"), "không phải là bản sao lưu của cổng PBGDPL")
    not_an_archive = workdir / "x.tar.gz"
    not_an_archive.write_text("xin chào")
    cases.append((not_an_archive, "không phải là bản sao lưu hợp lệ"))
    return cases


def test_damaged_foreign_or_mismatched_archives_are_refused_untouched(round_trip):
    databases, env, media = round_trip["databases"], round_trip["env"], round_trip["media"]
    databases.execute("bk_dst", "UPDATE wagtailcore_page SET title = 'Trang đánh dấu' WHERE depth = 1")
    marked = databases.digest("bk_dst")
    marked_media = media_checksums(media)
    for archive, message in refusals(round_trip["archive"], round_trip["workdir"]):
        result = manage("restore", "--no-index", str(archive), env=env)
        assert result.returncode != 0, archive.name
        assert message in result.stderr, (archive.name, result.stderr)
        assert "Traceback" not in result.stderr
    assert databases.digest("bk_dst") == marked
    assert media_checksums(media) == marked_media


def test_a_restore_failing_half_way_changes_nothing(round_trip):
    """The archive is sound but the database refuses part of it: everything is rolled back."""
    databases, env = round_trip["databases"], round_trip["env"]
    if connection.vendor == "postgresql":
        # pg_restore --clean cannot drop auth_user while another table refers to it
        databases.execute("bk_dst", "CREATE TABLE zz_giu_cho (user_id integer REFERENCES auth_user (id))")
        broken = round_trip["archive"]
    else:
        broken = round_trip["workdir"] / "sqlite-hong.tar.gz"

        def damage(name, data):
            if name == "database.sqlite3":
                return data[:4096] + b"\0" * (len(data) - 4096)
            if name == "manifest.json":
                manifest = json.loads(data)
                damaged = data_of(round_trip["archive"], "database.sqlite3")
                damaged = damaged[:4096] + b"\0" * (len(damaged) - 4096)
                manifest["files"]["database.sqlite3"] = hashlib.sha256(damaged).hexdigest()
                return json.dumps(manifest).encode()
            return data

        rewrite(round_trip["archive"], broken, damage)
    before = databases.digest("bk_dst")
    result = manage("restore", "--no-index", str(broken), env=env)
    assert result.returncode != 0
    assert "không khôi phục được" in result.stderr or "bị hỏng" in result.stderr, result.stderr
    assert databases.digest("bk_dst") == before


def data_of(archive, name):
    with tarfile.open(archive, "r:gz") as members:
        return members.extractfile(name).read()
