"""Small real files for image and document tests."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image


def image_in(collection, title="Ảnh thử nghiệm"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (163, 22, 26)).save(buffer, format="PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name="anh-thu.png"), collection=collection
    )


def document_in(collection, title="Tài liệu thử nghiệm"):
    return Document.objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4\n% test\n", name="tai-lieu-thu.pdf"),
        collection=collection,
    )
