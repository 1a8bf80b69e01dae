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


def render(document, rendering=None):
    """Render ``document`` (a PDF) into page images and text; returns the PdfRendering."""
    import pypdfium2 as pdfium

    started = time.perf_counter()
    rendering = rendering or PdfRendering(document=document)
    rendering.signature = signature(document)
    rendering.error = ""
    pages, texts = [], []
    try:
        with document.open_file() as handle:
            pdf = pdfium.PdfDocument(handle.read())
        try:
            rendering.page_count = len(pdf)
            for number in range(1, len(pdf) + 1):
                page = pdf[number - 1]
                texts.append(page.get_textpage().get_text_bounded())
                if number <= max_pages():
                    width, _height = page.get_size()
                    image = page.render(scale=READER_WIDTH / width).to_pil().convert("RGB")
                    pages.append((number, image, _scaled(image, THUMBNAIL_WIDTH)))
        finally:
            pdf.close()
    except (pdfium.PdfiumError, OSError, ValueError) as error:
        logger.warning("PDF %s could not be rendered: %s", document.pk, error)
        rendering.page_count = 0
        rendering.error = _("Không đọc được tệp PDF (tệp hỏng hoặc có mật khẩu).")
        pages, texts = [], []
    rendering.text = "\n".join(texts)
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
            thumbnail = pages[0][2]
            rendering.thumbnail = _webp(thumbnail, f"pdf-{document.pk}-bia.webp")
            rendering.thumbnail_width, rendering.thumbnail_height = thumbnail.size
        rendering.save()
        PdfPageImage.objects.bulk_create(
            PdfPageImage(
                rendering=rendering,
                number=number,
                image=_stored(_webp(image, f"pdf-{document.pk}-trang-{number}.webp")),
                width=image.width,
                height=image.height,
                thumbnail=_stored(_webp(thumb, f"pdf-{document.pk}-trang-{number}-nho.webp")),
                thumbnail_width=thumb.width,
                thumbnail_height=thumb.height,
            )
            for number, image, thumb in pages
        )
    logger.info(
        "PDF %s: %d pages, %d rendered in %.2f s",
        document.pk,
        rendering.page_count,
        len(pages),
        time.perf_counter() - started,
    )
    return rendering


def _stored(content):
    """Save ``content`` in the page images' storage; returns its stored name."""
    return PdfPageImage._meta.get_field("image").storage.save(
        PdfPageImage._meta.get_field("image").generate_filename(None, content.name), content
    )
