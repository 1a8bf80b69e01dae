"""The admin form of pages with images that must be described."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

MISSING_ALT = _("Hãy mô tả nội dung ảnh cho người khiếm thị: ảnh đã chọn cần có mô tả.")


class DescribedImagesForm(WagtailAdminPageForm):
    """Refuses a chosen image without its description (the model's
    ``described_images``: pairs of image and alt-text fields). A lead image or a
    banner is never decorative. Checked in the admin form rather than the
    model, so that publishing a revision saved before the rule (by a workflow or
    a schedule) never fails."""

    def clean(self):
        cleaned = super().clean()
        for image_field, alt_field in getattr(self._meta.model, "described_images", ()):
            if cleaned.get(image_field) and not (cleaned.get(alt_field) or "").strip():
                self.add_error(alt_field, MISSING_ALT)
        return cleaned
