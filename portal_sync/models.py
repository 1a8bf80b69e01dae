"""What sync remembers: where each synced object came from, the position of
each pull, the content marked for the national portal, and the deliveries
waiting to reach it."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from multisite.models import UnitOwned


class SyncedCopy(UnitOwned):
    """The provenance of a local object received from another portal: which
    portal, which remote object, the remote version last applied and the local
    state it left. A local edit since then (the state moved) turns a remote
    change into a conflict an editor settles; nothing is overwritten."""

    class Status(models.TextChoices):
        SYNCED = "synced", _("Đã đồng bộ")
        CONFLICT = "conflict", _("Xung đột: cần biên tập viên xử lý")
        KEPT_LOCAL = "kept_local", _("Giữ bản tại chỗ")

    origin = models.CharField(_("nguồn"), max_length=255, help_text=_("Địa chỉ cổng nguồn hoặc mã bên gửi."))
    resource = models.CharField(_("tập dữ liệu"), max_length=50)
    remote_id = models.CharField(_("mã tại nguồn"), max_length=64)
    remote_url = models.URLField(_("địa chỉ tại nguồn"), max_length=500, blank=True)
    remote_modified = models.DateTimeField(_("thay đổi tại nguồn lúc"), null=True, blank=True)
    remote_hash = models.CharField(max_length=64, editable=False)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    local_object = GenericForeignKey("content_type", "object_id")
    local_state = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.SYNCED)
    conflict_reason = models.CharField(_("lý do xung đột"), max_length=255, blank=True)
    pending = models.JSONField(_("bản từ nguồn chưa áp dụng"), null=True, blank=True, editable=False)
    title = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    synced_at = models.DateTimeField(_("đồng bộ lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("bản đồng bộ")
        verbose_name_plural = _("bản đồng bộ")
        ordering = ["-synced_at"]
        constraints = [
            models.UniqueConstraint(fields=["origin", "resource", "remote_id"], name="portal_sync_one_copy")
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.title or f"{self.resource} {self.remote_id}"


class SyncCursor(models.Model):
    """Where the last pull of one collection from one portal stopped: the next
    pull resumes there (``sync_portal`` saves it after every batch)."""

    origin = models.CharField(max_length=255)
    resource = models.CharField(max_length=50)
    cursor = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["origin", "resource"], name="portal_sync_one_cursor")]

    def __str__(self):
        return f"{self.origin} {self.resource}"


class NationalShare(UnitOwned):
    """A page marked by a moderator for the national portal: every publication
    of it is queued for the national intake."""

    page = models.OneToOneField(Page, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đánh dấu"), null=True, on_delete=models.SET_NULL
    )
    marked_at = models.DateTimeField(_("đánh dấu lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("nội dung gửi Cổng quốc gia")
        verbose_name_plural = _("nội dung gửi Cổng quốc gia")
        ordering = ["-marked_at"]

    def __str__(self):
        return self.page.title


class OutboundDelivery(UnitOwned):
    """One version of a marked page waiting for, or delivered to, the national
    intake. Rows stay until delivered: a receiver that is down loses nothing,
    and each failure pushes the next attempt further back."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ gửi")
        DELIVERED = "delivered", _("Đã gửi")
        REFUSED = "refused", _("Bị từ chối")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey(
        Page, verbose_name=_("trang"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("tiêu đề"), max_length=500)
    resource = models.CharField(_("tập dữ liệu"), max_length=50)
    payload = models.JSONField(editable=False)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), default=timezone.now)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("xếp hàng lúc"), default=timezone.now)
    delivered_at = models.DateTimeField(_("gửi xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt gửi Cổng quốc gia")
        verbose_name_plural = _("hàng đợi gửi Cổng quốc gia")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return self.title


class ReceivedDelivery(models.Model):
    """A delivery received at this portal's intake, kept so that a retried
    delivery (same id) is applied once."""

    uuid = models.UUIDField(unique=True)
    sender = models.CharField(max_length=100)
    resource = models.CharField(max_length=50)
    received_at = models.DateTimeField(default=timezone.now)
    result = models.CharField(max_length=20)

    def __str__(self):
        return f"{self.sender} {self.uuid}"
