"""What the library derives from uploaded files, kept apart from the pages so that
publishing a revision never rewinds it (page images, download counts)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PdfRendering(models.Model):
    """The page images and text of one PDF document, made once when a publication
    using it is published (not per request). ``signature`` tells whether the
    document's file changed since."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="pdf_rendering"
    )
    signature = models.CharField(max_length=255)
    page_count = models.PositiveIntegerField(default=0)
    rendered_pages = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    thumbnail = models.ImageField(upload_to="library/thumbnails/", blank=True)
    thumbnail_width = models.PositiveIntegerField(default=0)
    thumbnail_height = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ảnh trang của tệp PDF")
        verbose_name_plural = _("ảnh trang của tệp PDF")

    def __str__(self):
        return str(self.document)


class PdfPageImage(models.Model):
    """One page of a rendered PDF: a reading-size image and a thumbnail."""

    rendering = models.ForeignKey(PdfRendering, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    image = models.ImageField(upload_to="library/pages/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    thumbnail = models.ImageField(upload_to="library/pages/")
    thumbnail_width = models.PositiveIntegerField()
    thumbnail_height = models.PositiveIntegerField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["rendering", "number"], name="library_unique_pdf_page")
        ]

    def __str__(self):
        return f"{self.rendering} – {self.number}"


class DownloadTally(models.Model):
    """How many times a publication was downloaded, written in batches
    (library.downloads) rather than once per download."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="download_tally"
    )
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("số lượt tải")
        verbose_name_plural = _("số lượt tải")

    def __str__(self):
        return f"{self.page_id}: {self.count}"
