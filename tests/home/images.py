"""A real lead image for the home tests: large enough for every rendition width."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image


def lead_image(collection, title="Ảnh hội nghị phổ biến pháp luật", size=(1200, 675)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(buffer, format="JPEG", quality=70)
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name="hoi-nghi.jpg"), collection=collection
    )
