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
