"""What every content page of the portal shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search import index

from core.registries import page_owner


class BasePage(Page):
    """Abstract base page: a summary for listings and searches, and the owning unit."""

    listing_summary = models.TextField(
        _("tóm tắt"),
        blank=True,
        help_text=_("Hiển thị trong danh sách và kết quả tìm kiếm; để trống sẽ dùng phần mở đầu."),
    )

    search_fields = Page.search_fields + [index.SearchField("listing_summary")]

    class Meta:
        abstract = True

    @property
    def unit_info(self):
        """The owning unit as a small dict (id, code, name, kind, root_url), or None."""
        return page_owner(self)
