"""Citizens' comments on a policy dialogue, and the officials' replies."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from multisite.models import UnitOwned

COMMENT_MAX_LENGTH = 3000


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt, hiển thị")
    REJECTED = "rejected", _("Không duyệt")


class DialogueComment(UnitOwned):
    """A citizen's comment on one part of a dialogue; shown once approved, with
    the official reply under it. ``unit`` is the dialogue's unit."""

    dialogue = models.ForeignKey(
        "questions.DialoguePage",
        verbose_name=_("đối thoại"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    part = models.ForeignKey(
        "questions.DialoguePart",
        verbose_name=_("phần góp ý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    part_heading = models.CharField(_("tên phần góp ý"), max_length=255, blank=True, editable=False)
    name = models.CharField(_("họ và tên"), max_length=255)
    email = models.EmailField(_("thư điện tử"))
    text = models.TextField(_("ý kiến"), max_length=COMMENT_MAX_LENGTH)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    reply = models.TextField(_("trả lời của cơ quan"), blank=True)
    replied_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, editable=False)

    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("text", read_only=True),
        FieldPanel("status"),
        FieldPanel("reply"),
    ]

    class Meta:
        verbose_name = _("ý kiến đối thoại")
        verbose_name_plural = _("ý kiến đối thoại")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        if self.reply and self.replied_at is None:
            self.replied_at = timezone.now()
        if self.part_id and not self.part_heading:
            self.part_heading = self.part.heading
        super().save(*args, **kwargs)
