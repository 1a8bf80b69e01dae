"""Uploads are checked by content: a forged file is refused with a clear message."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from accounts.uploads import validate_upload

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
PE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (0, 80, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content",
    [
        ("van-ban.pdf", PDF),
        ("du-thao.docx", docx_bytes()),
        ("ghi-chu.txt", "Văn bản thuần".encode()),
        ("anh.png", png_bytes()),
    ],
)
def test_real_files_pass(name, content):
    validate_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("quyet-dinh.pdf", ELF, "executable"),
        ("quyet-dinh.pdf", PE, "executable"),
        ("bao-cao.docx", PDF, "content"),
        ("anh.png", PDF, "content"),
        ("script.txt", b"#!/bin/sh\nrm -rf /\n", "executable"),
        ("chuong-trinh.exe", PE, "extension"),
    ],
)
def test_forged_files_are_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_size_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_DOCUMENT_MB = 1
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("lon.pdf", PDF + b"0" * (1024 * 1024 + 1)))
    assert "tối đa 1 MB" in error.value.messages[0]


def test_executable_renamed_pdf_is_refused_by_the_document_admin(client, editor_a, unit_a):
    client.force_login(editor_a)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Quyết định giả",
            "file": SimpleUploadedFile("quyet-dinh.pdf", PE),
            "collection": unit_a.collection_id,
        },
    )
    assert response.status_code == 200
    assert "nội dung là một chương trình chạy được" in response.content.decode()
    assert not Document.objects.filter(title="Quyết định giả").exists()

    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Quyết định thật",
            "file": SimpleUploadedFile("quyet-dinh.pdf", PDF),
            "collection": unit_a.collection_id,
        },
    )
    assert response.status_code == 302
    assert Document.objects.filter(title="Quyết định thật").exists()


def test_forged_image_is_refused_by_the_image_admin(client, editor_a, unit_a):
    client.force_login(editor_a)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ảnh giả",
            "file": SimpleUploadedFile("anh.png", ELF),
            "collection": unit_a.collection_id,
        },
    )
    assert response.status_code == 200
    assert not Image.objects.filter(title="Ảnh giả").exists()
