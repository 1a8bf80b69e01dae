"""Page images and text of a publication's PDF, made with pypdfium2 (PDFium,
the renderer of Chromium) once per file — when a publication using it is
published — never per request.

Each page gets a reading image (``READER_WIDTH`` pixels wide) and a thumbnail,
both WebP; the first page's thumbnail is the cover when the editor gave none.
At most ``LIBRARY_PDF_MAX_PAGES`` pages get images (the whole file is still
read in the browser's own PDF viewer or downloaded); the text of every page
is kept for search. A damaged PDF leaves a rendering with its error and no
images, never a failed publication.
"""

import io
import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from .models import PdfPageImage, PdfRendering

logger = logging.getLogger(__name__)
READER_WIDTH = 1000
THUMBNAIL_WIDTH = 240
WEBP_QUALITY = 75


def signature(document):
    """Changes when the document's file does (a new upload gets a new name)."""
    return f"{document.file.name}:{document.file_size or 0}"[:255]


def max_pages():
    return getattr(settings, "LIBRARY_PDF_MAX_PAGES", 100)


def _webp(image, name):
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
    return ContentFile(buffer.getvalue(), name=name)


def _scaled(image, width):
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height))


def ensure_rendering(document):
    """(the document's up-to-date rendering, whether it was made now): made only
    when missing or stale."""
    existing = PdfRendering.objects.filter(document=document).first()
    if existing is not None and existing.signature == signature(document):
        return existing, False
    return render(document, existing), True


def _same_file_rendering(document):
    """A finished rendering of another document with the same file (the same
    leaflet in several units' libraries), whose pages can be copied."""
    file_hash = document.get_file_hash()
    if not file_hash:
        return None
    return (
        PdfRendering.objects.filter(document__file_hash=file_hash, error="", rendered_pages__gt=0)
        .exclude(document=document)
        .order_by("pk")
        .first()
    )


def _encoded(number, image, thumb):
    """A page's reading image and thumbnail as WebP files, with their sizes."""
    return (
        number,
        _webp(image, "trang.webp"),
        image.size,
        _webp(thumb, "nho.webp"),
        thumb.size,
    )


def _copied(source):
    """The page images of ``source`` read back as files (not re-rendered)."""
    copies = []
    for page in source.pages.order_by("number"):
        with page.image.open("rb") as image, page.thumbnail.open("rb") as thumb:
            copies.append(
                (
                    page.number,
                    ContentFile(image.read(), name="trang.webp"),
                    (page.width, page.height),
                    ContentFile(thumb.read(), name="nho.webp"),
                    (page.thumbnail_width, page.thumbnail_height),
                )
            )
    return copies


def _rendered(document):
    """(page count, text, encoded pages) of ``document``'s PDF, rendered with PDFium."""
    import pypdfium2 as pdfium

    pages, texts = [], []
    with document.open_file() as handle:
        pdf = pdfium.PdfDocument(handle.read())
    try:
        count = len(pdf)
        for number in range(1, count + 1):
            page = pdf[number - 1]
            texts.append(page.get_textpage().get_text_bounded())
            if number <= max_pages():
                width, _height = page.get_size()
                image = page.render(scale=READER_WIDTH / width).to_pil().convert("RGB")
                pages.append(_encoded(number, image, _scaled(image, THUMBNAIL_WIDTH)))
    finally:
        pdf.close()
    return count, "\n".join(texts), pages


def render(document, rendering=None):
    """Render ``document`` (a PDF) into page images and text; returns the PdfRendering.
    A file already rendered for another document is copied, not rendered again."""
    import pypdfium2 as pdfium

    started = time.perf_counter()
    rendering = rendering or PdfRendering(document=document)
    rendering.signature = signature(document)
    rendering.error = ""
    source = _same_file_rendering(document)
    try:
        pages = None
        if source is not None and source.rendered_pages == min(source.page_count, max_pages()):
            try:
                count, text, pages = source.page_count, source.text, _copied(source)
            except OSError:  # its files are gone: render this one
                pages = None
        if pages is None:
            count, text, pages = _rendered(document)
    except (pdfium.PdfiumError, OSError, ValueError) as error:
        logger.warning("PDF %s could not be rendered: %s", document.pk, error)
        count, text, pages = 0, "", []
        rendering.error = _("Không đọc được tệp PDF (tệp hỏng hoặc có mật khẩu).")
    rendering.page_count = count
    rendering.text = text
    rendering.rendered_pages = len(pages)
    with transaction.atomic():
        if rendering.pk:
            for old in rendering.pages.all():
                old.image.delete(save=False)
                old.thumbnail.delete(save=False)
            rendering.pages.all().delete()
            if rendering.thumbnail:
                rendering.thumbnail.delete(save=False)
        if pages:
            _number, _image, _size, thumbnail, thumbnail_size = pages[0]
            rendering.thumbnail = ContentFile(thumbnail.read(), name=f"pdf-{document.pk}-bia.webp")
            thumbnail.seek(0)
            rendering.thumbnail_width, rendering.thumbnail_height = thumbnail_size
        rendering.save()
        PdfPageImage.objects.bulk_create(
            PdfPageImage(
                rendering=rendering,
                number=number,
                image=_stored(image, f"pdf-{document.pk}-trang-{number}.webp"),
                width=size[0],
                height=size[1],
                thumbnail=_stored(thumb, f"pdf-{document.pk}-trang-{number}-nho.webp"),
                thumbnail_width=thumb_size[0],
                thumbnail_height=thumb_size[1],
            )
            for number, image, size, thumb, thumb_size in pages
        )
    logger.info(
        "PDF %s: %d pages, %d rendered in %.2f s",
        document.pk,
        rendering.page_count,
        len(pages),
        time.perf_counter() - started,
    )
    return rendering


def _stored(content, name):
    """Save ``content`` as ``name`` in the page images' storage; returns its stored name."""
    field = PdfPageImage._meta.get_field("image")
    return field.storage.save(field.generate_filename(None, name), content)
