"""backup → wipe → restore brings back every row and every media file."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.documents.models import Document
from wagtail.images.models import Image

from accounts.backup import backed_up_models
from accounts.models import AuthAction, AuthEvent
from tests.factories import article
from tests.media import document_in, image_in


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def snapshot():
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values()) for model in backed_up_models()
    }


def media_checksums(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


@pytest.fixture
def content(media_root, unit_a, editor_a):
    image = image_in(unit_a.collection, title="Ảnh hội nghị")
    document = document_in(unit_a.collection, title="Kế hoạch PBGDPL 2026")
    article(unit_a, title="Tin sao lưu")
    AuthEvent.objects.create(action=AuthAction.LOGIN, actor=editor_a, target=editor_a, username="xa-a.editor")
    return image, document


def test_backup_wipe_restore_round_trip(content, media_root, tmp_path):
    before_rows = snapshot()
    before_media = media_checksums(media_root)
    assert any(name.startswith("original_images/") for name in before_media)
    assert any(name.startswith("documents/") for name in before_media)
    archive = tmp_path / "sao-luu.tar.gz"

    out = io.StringIO()
    call_command("backup", output=str(archive), stdout=out)
    assert "Đã sao lưu" in out.getvalue()
    with tarfile.open(archive, "r:gz") as members:
        dumped = {row["model"] for row in json.load(members.extractfile("db.json"))}
    assert "auth.user" in dumped and "wagtailcore.page" in dumped
    assert not {"sessions.session", "wagtailsearch.indexentry"} & dumped

    # wipe: an empty database and no media, as on a fresh install
    if connection.vendor == "postgresql":  # the test's own rows are still uncommitted
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert Image.objects.count() == 0 and not media_checksums(media_root)

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Đã khôi phục" in out.getvalue()

    after_rows = snapshot()
    assert after_rows.keys() == before_rows.keys()
    for label, rows in before_rows.items():
        assert after_rows[label] == rows, label
    assert media_checksums(media_root) == before_media
    assert Document.objects.get(title="Kế hoạch PBGDPL 2026").file.read().startswith(b"%PDF")


def rewrite(archive, target, change):
    """Copy ``archive`` to ``target`` with ``change(name, data) -> data`` applied to each member."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as sink:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            data = change(member.name, data)
            member.size = len(data)
            sink.addfile(member, io.BytesIO(data))


def test_corrupt_and_foreign_archives_are_refused(content, media_root, tmp_path):
    archive = tmp_path / "goc.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    rows_before = snapshot()

    corrupt = tmp_path / "hong.tar.gz"
    rewrite(
        archive,
        corrupt,
        lambda name, data: data.replace(b"Tin sao l", b"Tin sao X") if name == "db.json" else data,
    )
    with pytest.raises(CommandError, match="sai mã kiểm tra"):
        call_command("restore", str(corrupt))

    foreign = tmp_path / "la.tar.gz"
    with tarfile.open(foreign, "w:gz") as sink:
        data = json.dumps({"format": "khac"}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        sink.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="không phải là bản sao lưu của cổng PBGDPL"):
        call_command("restore", str(foreign))

    truncated = tmp_path / "cut.tar.gz"
    truncated.write_bytes(archive.read_bytes()[:200])
    with pytest.raises(CommandError):
        call_command("restore", str(truncated))

    not_an_archive = tmp_path / "x.tar.gz"
    not_an_archive.write_text("xin chào")
    with pytest.raises(CommandError, match="không phải là bản sao lưu hợp lệ"):
        call_command("restore", str(not_an_archive))

    assert snapshot() == rows_before
