"""Index changes the search engine could not take, kept until it is back."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexQueueEntry(models.Model):
    """An object whose index entry is stale because the engine failed.

    One row per object: ``process_search_queue`` re-reads the object and adds it
    to the index if it still exists, or removes it from the index if it does not,
    so the order of failed adds and deletes does not matter.
    """

    class Action(models.TextChoices):
        ADD = "add", _("Thêm/cập nhật")
        DELETE = "delete", _("Xóa")

    content_type = models.ForeignKey(ContentType, verbose_name=_("loại nội dung"), on_delete=models.CASCADE)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    backend_name = models.CharField(_("bộ máy tìm kiếm"), max_length=100, default="default")
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("thay đổi chờ cập nhật chỉ mục")
        verbose_name_plural = _("thay đổi chờ cập nhật chỉ mục")
        constraints = [
            models.UniqueConstraint(
                fields=["backend_name", "content_type", "object_id"], name="search_queue_one_per_object"
            )
        ]
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.action} {self.content_type_id}:{self.object_id}"


class DictionaryEntry(models.Model):
    """A term citizens type and the words of the law it stands for ("sổ đỏ" →
    "giấy chứng nhận quyền sử dụng đất"), kept by the Department of Justice.

    Applied by rewriting the query (search.dictionary): a saved entry changes
    results at once, with no re-analysis of the index.
    """

    class Direction(models.TextChoices):
        TWO_WAY = "two_way", _("Hai chiều (các từ tương đương nhau)")
        ONE_WAY = "one_way", _("Một chiều (từ khóa → các từ tương đương)")

    term = models.CharField(
        _("từ khóa người dân gõ"),
        max_length=200,
        help_text=_("Ví dụ: sổ đỏ, bằng lái, nhập hộ khẩu."),
    )
    equivalents = models.TextField(
        _("từ tương đương"),
        help_text=_("Mỗi dòng một cụm từ, ví dụ: giấy chứng nhận quyền sử dụng đất."),
    )
    direction = models.CharField(
        _("chiều áp dụng"), max_length=10, choices=Direction.choices, default=Direction.TWO_WAY
    )
    field = models.ForeignKey(
        "core.LegalField",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("từ ngữ thông dụng")
        verbose_name_plural = _("từ điển từ ngữ thông dụng")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def equivalent_list(self):
        """The equivalents, one per line (commas and semicolons also separate)."""
        import re

        return [part.strip() for part in re.split(r"[\n;,]+", self.equivalents or "") if part.strip()]


class QueryFeedback(models.Model):
    """What became of a query on one day: searches that found nothing and
    results opened. Written only when a search finds nothing or a visitor opens
    a result, never on every search (the hits stay in Wagtail's QueryDailyHits)."""

    query = models.ForeignKey(
        "wagtailsearchpromotions.Query",
        verbose_name=_("từ khóa"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    date = models.DateField(_("ngày"))
    zero_results = models.PositiveIntegerField(_("số lần không có kết quả"), default=0)
    opens = models.PositiveIntegerField(_("số lần mở kết quả"), default=0)

    class Meta:
        verbose_name = _("phản hồi tìm kiếm")
        verbose_name_plural = _("phản hồi tìm kiếm")
        constraints = [models.UniqueConstraint(fields=["query", "date"], name="search_feedback_one_per_day")]

    def __str__(self):
        return f"{self.query_id} {self.date}"
