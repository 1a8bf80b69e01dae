"""Backup archives of the whole portal: database rows and media files.

An archive is a ``.tar.gz`` holding ``manifest.json`` (format marker, schema
migrations, SHA-256 of every member), ``db.json`` (``dumpdata`` of every app,
taken in one transaction, REPEATABLE READ on PostgreSQL, with original primary
keys so that every reference stays right) and ``media/…`` (MEDIA_ROOT).
Sessions and the search index tables are left out: sessions are disposable and
the index is rebuilt by ``update_index`` after a restore. The format is the same
on SQLite and PostgreSQL, so an archive can also move a portal between them.
"""

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from .context import suspend_audit

FORMAT = "pbgdpl-backup"
VERSION = 1
EXCLUDED_MODELS = [
    "sessions.Session",
    "wagtailsearch.IndexEntry",
    "wagtailsearch.SQLiteFTSIndexEntry",
]
CHUNK = 1024 * 1024
SERIAL_FORMAT = "exactjson"
serializers.register_serializer(SERIAL_FORMAT, "accounts.exact_json")


class BackupError(Exception):
    """A refused archive; the message is Vietnamese."""


def backed_up_models():
    """Every concrete model whose rows an archive holds."""
    excluded = {label.lower() for label in EXCLUDED_MODELS}
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in excluded
        and model._meta.label_lower in _existing_model_labels()
    ]


def _existing_model_labels():
    tables = set(connection.introspection.table_names())
    return {m._meta.label_lower for m in apps.get_models() if m._meta.db_table in tables}


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _applied_migrations():
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _model_exists(label):
    """Some search-index models exist on one database engine only."""
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def _dump_database(target):
    excluded = [label for label in EXCLUDED_MODELS if _model_exists(label)]
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        call_command(
            "dumpdata",
            exclude=excluded,
            output=str(target),
            format=SERIAL_FORMAT,
            use_base_manager=True,
            verbosity=0,
        )


def create_backup(output):
    """Write the archive to ``output`` (a path); returns the manifest."""
    output = Path(output)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as workdir:
        db_path = Path(workdir) / "db.json"
        _dump_database(db_path)
        files = {"db.json": _sha256_file(db_path)}
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
            "database_vendor": connection.vendor,
            "migrations": _applied_migrations(),
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
            archive.add(db_path, arcname="db.json")
            for name, path in media_files:
                archive.add(path, arcname=name)
        os.replace(partial, output)
    return manifest


def _safe_member_name(name):
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _read_and_verify(archive_path, workdir):
    """Extract the archive into ``workdir`` after checking every member; returns the manifest."""
    try:
        archive = tarfile.open(archive_path, "r:gz")
    except (OSError, EOFError, tarfile.TarError) as error:
        raise BackupError(
            _("Tệp “%(name)s” không phải là bản sao lưu hợp lệ (không đọc được tệp nén).")
            % {"name": Path(archive_path).name}
        ) from error
    with archive:
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
        if manifest.get("version") != VERSION:
            raise BackupError(
                _("Bản sao lưu có phiên bản định dạng %(version)s, không khôi phục được.")
                % {"version": manifest.get("version")}
            )
        expected = manifest.get("files") or {}
        if "db.json" not in expected:
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
            if member is None or not _safe_member_name(name):
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
    missing = sorted(set(manifest.get("migrations") or []) - set(_applied_migrations()))
    if missing:
        raise BackupError(
            _(
                "Bản sao lưu được tạo từ phiên bản phần mềm mới hơn; hãy cập nhật phần mềm và chạy "
                "migrate trước khi khôi phục (thiếu %(count)d migration, ví dụ %(example)s)."
            )
            % {"count": len(missing), "example": missing[0]}
        )
    return manifest


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

    Every member is verified before anything is touched; the database is
    replaced in one transaction; media files are swapped in only after it
    committed. Then caches are cleared and the search index rebuilt.
    """
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as workdir:
        manifest = _read_and_verify(archive_path, workdir)
        with transaction.atomic(), suspend_audit():
            if connection.vendor == "postgresql":
                # TRUNCATE refuses tables with deferred checks pending in this transaction.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            call_command("loaddata", str(Path(workdir) / "db.json"), format=SERIAL_FORMAT, verbosity=0)
        staged = Path(workdir) / "media"
        staged.mkdir(exist_ok=True)
        _replace_directory_contents(media_root, staged)
    cache.clear()
    if rebuild_index:
        call_command("update_index", verbosity=0, stdout=stdout or io.StringIO())
    return manifest
