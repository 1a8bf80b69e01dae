"""Uploads are checked by what they contain, not by their name.

The first bytes of the file must match its extension (magic numbers read by
``filetype``, plus the OLE container of old Office files and plain text); only
the document, image, audio and video types the portal uses are accepted, each
category within its size limit from settings. An executable renamed ``.pdf``
is refused with a clear Vietnamese message. In core because several apps take
uploads (Wagtail's document and image forms, citizens' public forms); upload
fields use :func:`validate_upload` or :class:`UploadValidator`.
"""

import os

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

OLE = "ole"
TEXT = "text"
ZIP_OFFICE = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "zip"}

# extension -> content kinds (filetype extensions, OLE, TEXT) accepted for it, and its category.
ALLOWED = {
    "pdf": ({"pdf"}, "document"),
    "doc": ({"doc", OLE}, "document"),
    "xls": ({"xls", OLE}, "document"),
    "ppt": ({"ppt", OLE}, "document"),
    "docx": (ZIP_OFFICE, "document"),
    "xlsx": (ZIP_OFFICE, "document"),
    "pptx": (ZIP_OFFICE, "document"),
    "odt": (ZIP_OFFICE, "document"),
    "ods": (ZIP_OFFICE, "document"),
    "zip": (ZIP_OFFICE, "document"),
    "rtf": ({"rtf"}, "document"),
    "txt": ({TEXT}, "document"),
    "vtt": ({TEXT}, "document"),
    "jpg": ({"jpg"}, "image"),
    "jpeg": ({"jpg"}, "image"),
    "png": ({"png", "apng"}, "image"),
    "gif": ({"gif"}, "image"),
    "webp": ({"webp"}, "image"),
    "avif": ({"avif"}, "image"),
    "mp3": ({"mp3"}, "media"),
    "mp4": ({"mp4", "m4v", "m4a", "mov", "3gp"}, "media"),
    "webm": ({"webm", "mkv"}, "media"),
    "wav": ({"wav"}, "media"),
    "ogg": ({"ogg"}, "media"),
    "m4a": ({"m4a", "mp4"}, "media"),
}

# Executables and scripts are refused whatever their name.
DANGEROUS_PREFIXES = (
    b"MZ",  # Windows PE
    b"\x7fELF",  # Linux ELF
    b"\xfe\xed\xfa\xce",  # Mach-O
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # shell script
    b"\x00asm",  # WebAssembly
)
HEAD_SIZE = 8192


def size_limit_mb(category):
    return {
        "document": settings.UPLOAD_MAX_DOCUMENT_MB,
        "image": settings.UPLOAD_MAX_IMAGE_MB,
        "media": settings.UPLOAD_MAX_MEDIA_MB,
    }[category]


def _read_head(file):
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(HEAD_SIZE)
    file.seek(position)
    return head


def detect(head):
    """The content kind of a file from its first bytes, or None if unknown."""
    if head.startswith(DANGEROUS_PREFIXES):
        return "exe"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        kind = filetype.guess(head)
        return kind.extension if kind else OLE
    kind = filetype.guess(head)
    if kind is not None:
        return kind.extension
    if head and b"\x00" not in head:
        return TEXT
    return None


def validate_upload(file, categories=("document", "image", "media")):
    """Refuse ``file`` unless its content matches an allowed type of its extension."""
    name = os.path.basename(getattr(file, "name", "") or "")
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    allowed = ALLOWED.get(extension)
    if allowed is None or allowed[1] not in categories:
        raise ValidationError(
            _("Không nhận tệp “%(name)s”: định dạng .%(ext)s không được phép tải lên."),
            code="extension",
            params={"name": name, "ext": extension or "?"},
        )
    kinds, category = allowed
    limit = size_limit_mb(category)
    if file.size is not None and file.size > limit * 1024 * 1024:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn: tối đa %(limit)d MB."),
            code="size",
            params={"name": name, "limit": limit},
        )
    detected = detect(_read_head(file))
    if detected == "exe" or detected in {"elf", "exe", "wasm", "crx", "deb", "rpm", "swf"}:
        raise ValidationError(
            _(
                "Không nhận tệp “%(name)s”: nội dung là một chương trình chạy được, không phải "
                "tệp .%(ext)s. Tệp có thể chứa mã độc."
            ),
            code="executable",
            params={"name": name, "ext": extension},
        )
    if detected not in kinds:
        raise ValidationError(
            _(
                "Không nhận tệp “%(name)s”: nội dung tệp không đúng định dạng .%(ext)s "
                "(tên tệp có thể đã bị đổi)."
            ),
            code="content",
            params={"name": name, "ext": extension},
        )


@deconstructible
class UploadValidator:
    """Model/form field validator wrapping :func:`validate_upload`."""

    def __init__(self, categories=("document", "image", "media")):
        self.categories = tuple(categories)

    def __call__(self, file):
        validate_upload(file, self.categories)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and self.categories == other.categories
