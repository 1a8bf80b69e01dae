"""Large Excel imports run in the background, with their progress kept here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from multisite.models import UnitOwned


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Không nhập được")


class ImportJob(UnitOwned):
    """An uploaded register sheet too large to import within the upload request.

    The sheet is kept in the database (not under the public media folder: it
    holds personal data) until the job ends; the admin page of the job shows
    its progress and then its result, row by row.
    """

    unit = models.ForeignKey(
        "multisite.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("tên tệp"), max_length=255)
    content = models.BinaryField(_("nội dung tệp"), default=b"")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    done_rows = models.PositiveIntegerField(_("số dòng đã xử lý"), default=0)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    created_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập danh sách")
        verbose_name_plural = _("lượt nhập danh sách")
        ordering = ["-created_at", "-pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent(self):
        return round(100 * self.done_rows / self.total_rows) if self.total_rows else 0

    @property
    def finished(self):
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
