"""Backup archives of the whole portal: the database as the engine itself copies it, and media files.

An archive is a ``.tar.gz`` holding ``manifest.json`` (format marker, database
engine and server version, the applied migrations, SHA-256 of every member),
the database (``database.pgdump``: ``pg_dump`` custom format, one consistent
snapshot; or ``database.sqlite3``: a copy made through SQLite's online backup
API) and ``media/…`` (MEDIA_ROOT). Sessions are left out (they are credentials
and users can sign in again); the search index is rebuilt after a restore.

The engine's own tools copy every table, sequence and constraint exactly, so
a restore does not depend on Django's serializers or on signal handlers that
write rows while data is loaded. The price: an archive is restored on the same
engine it was made on, by the same version of the software (same migrations).
"""

import glob
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "pbgdpl-backup"
VERSION = 2
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
DATABASE_MEMBERS = {"sqlite": SQLITE_MEMBER, "postgresql": POSTGRES_MEMBER}
EXCLUDED_TABLE_DATA = ["django_session"]
CHUNK = 1024 * 1024
PG_BIN_GLOBS = [
    "/usr/lib/postgresql/*/bin",
    "/usr/pgsql-*/bin",
    "/usr/local/pgsql/bin",
    "/opt/homebrew/opt/postgresql@*/bin",
]
PG_TIMEOUT = 6 * 3600


class BackupError(Exception):
    """A refused backup or restore; the message is Vietnamese."""


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def applied_migrations():
    """The schema version of the connected database."""
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def code_migrations():
    """What ``migrate`` records with this code: every migration, squashed ones with what they replace."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    names = set()
    for key in loader.graph.nodes:
        names.add(key)
        names.update(loader.graph.nodes[key].replaces or [])
    return sorted(f"{app}.{name}" for app, name in names)


# --- PostgreSQL client tools -------------------------------------------------------------


def server_major_version():
    connection.ensure_connection()
    return connection.pg_version // 10000


def _tool_major_version(path):
    try:
        result = subprocess.run(  # noqa: S603 - a PostgreSQL tool found by find_pg_tool
            [path, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return None
    match = re.search(r"\b(\d+)(?:\.\d+)?", result.stdout)
    return int(match.group(1)) if match else None


def find_pg_tool(name, major):
    """``pg_dump``/``pg_restore`` whose major version is the server's: PATH first, then the usual directories."""
    candidates = []
    if found := shutil.which(name):
        candidates.append(found)
    for pattern in PG_BIN_GLOBS:
        candidates.extend(
            str(Path(directory) / name) for directory in sorted(glob.glob(pattern), reverse=True)
        )
    seen = []
    for path in candidates:
        if path in seen or not os.access(path, os.X_OK):
            continue
        seen.append(path)
        if _tool_major_version(path) == major:
            return path
    raise BackupError(
        _(
            "Không tìm thấy %(tool)s phiên bản %(major)s (cùng phiên bản chính với máy chủ PostgreSQL). "
            "Hãy cài gói postgresql-client-%(major)s."
        )
        % {"tool": name, "major": major}
    )


def _pg_environment():
    """libpq variables for the configured database, so no password appears on a command line."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ]:
        if db.get(key):
            env[variable] = str(db[key])
    options = db.get("OPTIONS") or {}
    for option in ["sslmode", "sslrootcert", "sslcert", "sslkey", "passfile", "service"]:
        if options.get(option):
            env[f"PG{option.upper()}"] = str(options[option])
    env["PGDATABASE"] = db["NAME"]
    env["PGAPPNAME"] = "pbgdpl-backup"
    return env


def _run_pg_tool(arguments, failure_message):
    try:
        result = subprocess.run(  # noqa: S603 - fixed arguments; the password travels in PGPASSWORD
            arguments, env=_pg_environment(), capture_output=True, text=True, timeout=PG_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BackupError(failure_message % {"detail": str(error)}) from error
    if result.returncode != 0:
        detail = "\n".join(result.stderr.strip().splitlines()[-5:])
        raise BackupError(failure_message % {"detail": detail})


# --- dumping -----------------------------------------------------------------------------


def _dump_postgresql(target):
    pg_dump = find_pg_tool("pg_dump", server_major_version())
    arguments = [pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
    arguments += [f"--exclude-table-data={table}" for table in EXCLUDED_TABLE_DATA]
    _run_pg_tool(arguments, _("pg_dump không sao lưu được cơ sở dữ liệu: %(detail)s"))


def _dump_sqlite(target):
    """Copy the live database page by page (consistent even while it is written), then drop sessions."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in EXCLUDED_TABLE_DATA:
            if table in tables:
                copy.execute(f'DELETE FROM "{table}"')  # noqa: S608 - a constant table name
        copy.commit()
        copy.execute("VACUUM")  # the deleted rows must not linger in free pages
    finally:
        copy.close()


def create_backup(output):
    """Write the archive to ``output`` (a path); returns the manifest."""
    output = Path(output)
    media_root = Path(settings.MEDIA_ROOT)
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(_("Chưa hỗ trợ sao lưu cơ sở dữ liệu loại %(vendor)s.") % {"vendor": vendor})
    member = DATABASE_MEMBERS[vendor]
    with tempfile.TemporaryDirectory() as workdir:
        db_path = Path(workdir) / member
        if vendor == "postgresql":
            _dump_postgresql(db_path)
            server_version = server_major_version()
        else:
            _dump_sqlite(db_path)
            server_version = sqlite3.sqlite_version
        files = {member: _sha256_file(db_path)}
        media_files = []
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    name = "media/" + path.relative_to(media_root).as_posix()
                    files[name] = _sha256_file(path)
                    media_files.append((name, path))
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": timezone.now().isoformat(),
            "database": {"vendor": vendor, "server_version": server_version, "member": member},
            "migrations": applied_migrations(),
            "files": files,
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(db_path, arcname=member)
            for name, path in media_files:
                archive.add(path, arcname=name)
        os.replace(partial, output)
    return manifest


# --- verifying ---------------------------------------------------------------------------


def _safe_member_name(name):
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _read_manifest(archive):
    try:
        members = archive.getmembers()
        by_name = {m.name: m for m in members}
        if "manifest.json" not in by_name:
            raise BackupError(_("Tệp không phải là bản sao lưu của cổng PBGDPL (thiếu manifest.json)."))
        manifest = json.loads(archive.extractfile(by_name["manifest.json"]).read().decode())
    except (tarfile.TarError, OSError, EOFError, ValueError) as error:
        raise BackupError(_("Bản sao lưu bị hỏng: không đọc được nội dung.")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("Tệp không phải là bản sao lưu của cổng PBGDPL."))
    if manifest.get("version") == 1:
        raise BackupError(
            _(
                "Bản sao lưu định dạng cũ (phiên bản 1, dữ liệu JSON) không còn khôi phục được; "
                "hãy dùng bản sao lưu tạo bằng phiên bản phần mềm này."
            )
        )
    if manifest.get("version") != VERSION:
        raise BackupError(
            _("Bản sao lưu có phiên bản định dạng %(version)s, không khôi phục được.")
            % {"version": manifest.get("version")}
        )
    return members, by_name, manifest


def _check_compatible(manifest):
    """Same engine and same schema version (migrations) as this installation, or refuse."""
    database = manifest.get("database") or {}
    if database.get("vendor") != connection.vendor or database.get("member") != DATABASE_MEMBERS.get(
        connection.vendor
    ):
        raise BackupError(
            _(
                "Bản sao lưu được tạo từ cơ sở dữ liệu %(archive)s, không khôi phục được vào cơ sở dữ liệu "
                "%(current)s đang cấu hình."
            )
            % {"archive": database.get("vendor") or "?", "current": connection.vendor}
        )
    archived = set(manifest.get("migrations") or [])
    expected = set(code_migrations())
    newer = sorted(archived - expected)
    if newer:
        raise BackupError(
            _(
                "Phiên bản lược đồ dữ liệu không khớp: bản sao lưu được tạo từ phiên bản phần mềm mới hơn "
                "(có %(count)d migration mà bản cài đặt này không có, ví dụ %(example)s). Hãy cài đúng phiên "
                "bản phần mềm đã tạo bản sao lưu rồi khôi phục."
            )
            % {"count": len(newer), "example": newer[0]}
        )
    older = sorted(expected - archived)
    if older:
        raise BackupError(
            _(
                "Phiên bản lược đồ dữ liệu không khớp: bản sao lưu được tạo từ phiên bản phần mềm cũ hơn "
                "(thiếu %(count)d migration, ví dụ %(example)s). Hãy khôi phục bằng đúng phiên bản phần mềm "
                "đã tạo bản sao lưu, sau đó cập nhật phần mềm và chạy migrate."
            )
            % {"count": len(older), "example": older[0]}
        )


def _extract_verified(archive, members, by_name, manifest, workdir):
    expected = manifest.get("files") or {}
    member_name = (manifest.get("database") or {}).get("member")
    if member_name not in DATABASE_MEMBERS.values() or member_name not in expected:
        raise BackupError(_("Bản sao lưu bị hỏng: thiếu dữ liệu cơ sở dữ liệu."))
    extra = [m.name for m in members if m.name != "manifest.json" and m.name not in expected]
    unsafe = [m.name for m in members if not _safe_member_name(m.name) or not (m.isfile() or m.isdir())]
    if extra or unsafe:
        raise BackupError(
            _("Bản sao lưu bị hỏng hoặc bị sửa đổi: có tệp lạ (%(names)s).")
            % {"names": ", ".join((unsafe or extra)[:5])}
        )
    for name, checksum in expected.items():
        member = by_name.get(name)
        if member is None or not _safe_member_name(name) or not member.isfile():
            raise BackupError(_("Bản sao lưu bị hỏng: thiếu tệp “%(name)s”.") % {"name": name})
        target = Path(workdir) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        try:
            with archive.extractfile(member) as source, open(target, "wb") as sink:
                for chunk in iter(lambda source=source: source.read(CHUNK), b""):
                    digest.update(chunk)
                    sink.write(chunk)
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(
                _("Bản sao lưu bị hỏng: không đọc được tệp “%(name)s”.") % {"name": name}
            ) from error
        if digest.hexdigest() != checksum:
            raise BackupError(
                _("Bản sao lưu bị hỏng: tệp “%(name)s” sai mã kiểm tra (checksum).") % {"name": name}
            )
    return Path(workdir) / member_name


def read_and_verify(archive_path, workdir):
    """Check the archive against this installation and extract it into ``workdir``.

    Returns (manifest, path of the database member). Nothing outside ``workdir`` is touched.
    """
    try:
        archive = tarfile.open(archive_path, "r:gz")
    except (OSError, EOFError, tarfile.TarError) as error:
        raise BackupError(
            _("Tệp “%(name)s” không phải là bản sao lưu hợp lệ (không đọc được tệp nén).")
            % {"name": Path(archive_path).name}
        ) from error
    with archive:
        members, by_name, manifest = _read_manifest(archive)
        _check_compatible(manifest)
        database_file = _extract_verified(archive, members, by_name, manifest, workdir)
    return manifest, database_file


# --- restoring ---------------------------------------------------------------------------


def _restore_postgresql(dump):
    """pg_restore in one transaction: on any error PostgreSQL rolls everything back."""
    pg_restore = find_pg_tool("pg_restore", server_major_version())
    connection.close()
    _run_pg_tool(
        [
            pg_restore,
            "--single-transaction",
            "--exit-on-error",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        _("pg_restore không khôi phục được; cơ sở dữ liệu giữ nguyên như trước. Chi tiết: %(detail)s"),
    )


def _restore_sqlite(copy, manifest):
    """Check the copy, then move it over the database file in one rename."""
    target = Path(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():
        raise BackupError(_("Không khôi phục được vào cơ sở dữ liệu SQLite trong bộ nhớ."))
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, staged = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.restore-")
    os.close(handle)
    staged = Path(staged)
    try:
        shutil.copyfile(copy, staged)
        check = sqlite3.connect(staged)
        try:
            healthy = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            recorded = sorted(
                f"{app}.{name}" for app, name in check.execute("SELECT app, name FROM django_migrations")
            )
        except sqlite3.DatabaseError:
            healthy, recorded = False, []
        finally:
            check.close()
        if not healthy or set(recorded) != set(manifest.get("migrations") or []):
            raise BackupError(_("Bản sao lưu bị hỏng: tệp cơ sở dữ liệu SQLite không đọc được."))
        connection.close()
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)
    for suffix in ["-wal", "-shm", "-journal"]:
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _replace_directory_contents(target, source):
    """Empty ``target`` (which may be a mount point) and move ``source``'s entries into it."""
    target.mkdir(parents=True, exist_ok=True)
    for child in target.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in source.iterdir():
        shutil.move(str(child), str(target / child.name))


def restore_backup(archive_path, rebuild_index=True, stdout=None):
    """Bring the database and MEDIA_ROOT back to the archive's state.

    Every member is verified and the schema version compared before anything
    is touched; the database is replaced atomically (one transaction on
    PostgreSQL, one file rename on SQLite); media files are swapped in only
    after that succeeded. Then caches are cleared and the search index rebuilt.
    """
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Chưa hỗ trợ khôi phục cơ sở dữ liệu loại %(vendor)s.") % {"vendor": connection.vendor}
        )
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as workdir:
        manifest, database_file = read_and_verify(archive_path, workdir)
        if connection.vendor == "postgresql":
            _restore_postgresql(database_file)
        else:
            _restore_sqlite(database_file, manifest)
        staged = Path(workdir) / "media"
        staged.mkdir(exist_ok=True)
        _replace_directory_contents(media_root, staged)
    connection.close()
    cache.clear()
    if rebuild_index:
        call_command("update_index", verbosity=0, stdout=stdout or io.StringIO())
    return manifest
