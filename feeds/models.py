"""Feeds in (issue 14, part 6): news and documents other websites publish (RSS,
Atom or JSON Feed), fetched periodically and shown on a unit's home.

A source belongs to one unit (``UnitOwned``, isolated in the admin). Items are
stored sanitised — plain text only — so nothing from a source can inject markup;
a failing or malformed source keeps its last good items and is flagged.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from multisite.models import UnitOwned


class FeedSource(UnitOwned):
    """A feed a unit follows."""

    title = models.CharField(_("tên nguồn"), max_length=255)
    url = models.URLField(_("địa chỉ nguồn tin (RSS, Atom hoặc JSON Feed)"), max_length=500)
    active = models.BooleanField(_("đang lấy tin"), default=True)
    max_items = models.PositiveSmallIntegerField(_("số tin hiển thị"), default=5)
    # Kept by fetch_feeds: the conditional GET validators and the outcome.
    etag = models.CharField(max_length=255, blank=True, editable=False)
    last_modified = models.CharField(max_length=255, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(_("lần lấy gần nhất"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("lần lấy được gần nhất"), null=True, blank=True, editable=False)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True, editable=False)

    panels = [
        FieldPanel("unit"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("max_items"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("nguồn tin ngoài")
        verbose_name_plural = _("nguồn tin ngoài")
        ordering = ["title", "pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "url"], name="unique_feed_source_per_unit")]

    def __str__(self):
        return self.title

    @property
    def failing(self):
        return bool(self.last_error)


class FeedItem(models.Model):
    """One item of a source, as plain text; replaced only by a good fetch."""

    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=500)
    title = models.CharField(max_length=500)
    link = models.URLField(max_length=1000)
    summary = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tin từ nguồn ngoài")
        verbose_name_plural = _("tin từ nguồn ngoài")
        ordering = ["-published_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["source", "guid"], name="unique_feed_item")]

    def __str__(self):
        return self.title
