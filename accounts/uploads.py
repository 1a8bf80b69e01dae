"""Wagtail's document and image forms, refusing files whose content does not match
their type (the check itself is core.uploads; settings WAGTAILDOCS_DOCUMENT_FORM_BASE
and WAGTAILIMAGES_IMAGE_FORM_BASE point here)."""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from core.uploads import validate_upload

__all__ = ["SafeDocumentForm", "SafeImageForm", "validate_upload"]


def _check_new_file(form, categories):
    file = form.cleaned_data.get("file")
    if isinstance(file, UploadedFile):
        validate_upload(file, categories)
    return file


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content does not match their type."""

    def clean_file(self):
        return _check_new_file(self, ("document", "media", "image"))


class SafeImageForm(BaseImageForm):
    """Wagtail's image form with the same content check (images only)."""

    def clean_file(self):
        return _check_new_file(self, ("image",))
