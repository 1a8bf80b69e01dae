"""Citizens' questions, the field → unit routing table and the e-mail outbox."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.uploads import UploadValidator
from multisite.models import UnitOwned

from ..deadlines import deadline_from
from ..storage import private_storage

TEXT_MAX_LENGTH = 5000
# Unambiguous letters and digits (no 0/O, 1/I/L): read over the phone and typed by hand.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
CODE_PREFIX = "HD-"


def new_tracking_code():
    return CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ROUTED = "routed", _("Đã chuyển đơn vị trả lời")
    ANSWERING = "answering", _("Đang trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    DECLINED = "declined", _("Từ chối trả lời")


OPEN_STATUSES = (QuestionStatus.RECEIVED, QuestionStatus.ROUTED, QuestionStatus.ANSWERING)


class QuestionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(deadline__lt=today or timezone.localdate())


class Question(UnitOwned):
    """A citizen's legal question. ``unit`` is the unit that must answer it now
    (the province's Department of Justice until routed); ``asked_at`` is the
    site it was asked on. Every move is a log entry (questions.log)."""

    tracking_code = models.CharField(
        _("mã tra cứu"), max_length=20, unique=True, default=new_tracking_code, editable=False
    )
    asked_at = models.ForeignKey(
        "multisite.Unit",
        verbose_name=_("hỏi tại trang của"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asker_name = models.CharField(_("họ và tên người hỏi"), max_length=255)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    field = models.ForeignKey(
        "core.LegalField", verbose_name=_("lĩnh vực"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("nội dung câu hỏi"), max_length=TEXT_MAX_LENGTH)
    attachment = models.FileField(
        _("tệp đính kèm"),
        upload_to="questions/%Y/%m/",
        storage=private_storage,
        blank=True,
        validators=[UploadValidator(("document", "image"))],
    )
    consent_to_publish = models.BooleanField(_("đồng ý công khai câu hỏi (không kèm thông tin cá nhân)"))
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.RECEIVED
    )
    decline_reason = models.TextField(_("lý do từ chối"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được giao"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deadline = models.DateField(_("hạn trả lời"), blank=True)
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, editable=False, db_index=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True, editable=False)
    answer_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("bài trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = QuestionQuerySet.as_manager()

    panels = [
        FieldPanel("unit"),
        FieldPanel("asker_name"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("field"),
        FieldPanel("text"),
        FieldPanel("consent_to_publish"),
    ]
    search_fields = [
        index.SearchField("text"),
        index.SearchField("asker_name"),
        index.SearchField("tracking_code"),
        index.FilterField("unit_id"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("câu hỏi pháp luật")
        verbose_name_plural = _("câu hỏi pháp luật")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "status", "-created_at"], name="question_inbox")]

    def __str__(self):
        return f"{self.tracking_code} – {self.text[:60]}"

    def save(self, *args, **kwargs):
        if not self.deadline:
            self.deadline = deadline_from(timezone.localtime(self.created_at).date())
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.deadline < timezone.localdate()

    def contact_matches(self, contact):
        """Whether ``contact`` (an e-mail address or a phone number) is this question's."""
        contact = (contact or "").strip()
        if not contact:
            return False
        if "@" in contact:
            return bool(self.email) and self.email.lower() == contact.lower()
        digits = "".join(ch for ch in contact if ch.isdigit())
        return bool(digits) and digits == "".join(ch for ch in self.phone if ch.isdigit())


class RoutingRule(models.Model):
    """Which unit answers questions of a legal field (suggested to the Department
    of Justice when it routes a question asked on the provincial portal)."""

    field = models.OneToOneField(
        "core.LegalField", verbose_name=_("lĩnh vực"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "multisite.Unit", verbose_name=_("đơn vị trả lời"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("field"), FieldPanel("unit")]

    class Meta:
        verbose_name = _("phân công trả lời theo lĩnh vực")
        verbose_name_plural = _("phân công trả lời theo lĩnh vực")
        ordering = ["field__sort_order", "field__name"]

    def __str__(self):
        return f"{self.field} → {self.unit}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi nhiều lần")


class OutboxEmail(models.Model):
    """An e-mail stored before it is sent: a failing mail server loses nothing,
    ``send_question_outbox`` retries what is still pending."""

    to = models.EmailField(_("người nhận"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi lần gửi cuối"), blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    sent_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("thư chờ gửi")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.to}: {self.subject}"
