"""The account audit trail: sign-ins and changes to staff accounts.

Wagtail's own log (PageLogEntry, ModelLogEntry) records actions on pages,
snippets, images and documents, but not sign-ins nor who changed whose
password, unit or groups. These events are written by signal handlers
(accounts/signals.py) and are never editable: no admin form exists for them
and an existing event refuses to be saved again or deleted one by one.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuthAction(models.TextChoices):
    LOGIN = "login", _("Đăng nhập")
    LOGOUT = "logout", _("Đăng xuất")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    LOCKOUT = "lockout", _("Khóa đăng nhập")
    UNLOCK = "unlock", _("Mở khóa đăng nhập")
    PASSWORD_CHANGE = "password_change", _("Đổi mật khẩu")
    PASSWORD_RESET = "password_reset", _("Đặt lại mật khẩu qua thư điện tử")
    PASSWORD_SET = "password_set", _("Quản trị đặt mật khẩu")
    USER_CREATE = "user_create", _("Tạo tài khoản")
    USER_CHANGE = "user_change", _("Sửa thông tin tài khoản")
    UNIT_CHANGE = "unit_change", _("Đổi đơn vị")
    GROUPS_CHANGE = "groups_change", _("Đổi nhóm quyền")
    USER_DEACTIVATE = "user_deactivate", _("Ngừng kích hoạt tài khoản")
    USER_ACTIVATE = "user_activate", _("Kích hoạt lại tài khoản")
    TWO_FACTOR_ENABLE = "2fa_enable", _("Bật xác thực hai bước")
    TWO_FACTOR_FAILED = "2fa_failed", _("Mã xác thực hai bước sai")
    PERMISSION_DENIED = "permission_denied", _("Bị từ chối truy cập")


# Actions shown in "Lịch sử đăng nhập"; the rest make up "Nhật ký quản trị".
LOGIN_ACTIONS = [
    AuthAction.LOGIN,
    AuthAction.LOGOUT,
    AuthAction.LOGIN_FAILED,
    AuthAction.LOCKOUT,
    AuthAction.UNLOCK,
    AuthAction.TWO_FACTOR_FAILED,
    AuthAction.PERMISSION_DENIED,
]


class AuthEventQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("Audit events are kept; they cannot be deleted.")


class AuthEvent(models.Model):
    """One entry of the account audit trail: who did what to which account, when."""

    timestamp = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    action = models.CharField(_("hành động"), max_length=32, choices=AuthAction.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True, db_index=True)
    unit = models.ForeignKey(
        "multisite.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=255, blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)

    objects = AuthEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện tài khoản")
        verbose_name_plural = _("nhật ký tài khoản")
        ordering = ["-timestamp", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.timestamp:%d/%m/%Y %H:%M} {self.get_action_display()} {self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are kept; they cannot be deleted.")

    @property
    def time_display(self):
        return timezone.localtime(self.timestamp).strftime("%d/%m/%Y %H:%M:%S")

    @property
    def action_display(self):
        return str(self.get_action_display())

    @property
    def actor_display(self):
        return self.actor.get_username() if self.actor_id else ""

    @property
    def unit_display(self):
        return self.unit.name if self.unit_id else ""

    @property
    def changes_text(self):
        """The changed values as "field: old → new" lines, for reports and exports."""
        lines = []
        for field, values in sorted((self.changes or {}).items()):
            if isinstance(values, dict) and ("old" in values or "new" in values):
                lines.append(f"{field}: {_fmt(values.get('old'))} → {_fmt(values.get('new'))}")
            else:
                lines.append(f"{field}: {_fmt(values)}")
        return "; ".join(lines)


def _fmt(value):
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "∅"
    if value in (None, ""):
        return "∅"
    return str(value)


class AlertKind(models.TextChoices):
    LOCKOUT = "lockout", _("Khóa đăng nhập")
    FAILED_LOGINS = "failed_logins", _("Đăng nhập sai nhiều tài khoản từ một địa chỉ")
    DENIALS = "denials", _("Nhiều yêu cầu bị từ chối truy cập")


class SecurityAlert(models.Model):
    """A warning of possible illegitimate access (decision 1575: "cảnh báo, ngăn chặn
    truy cập bất hợp pháp"), sent to the system administrators and shown on their
    dashboard with the addresses and accounts involved."""

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("loại cảnh báo"), max_length=32, choices=AlertKind.choices)
    subject = models.CharField(
        _("đối tượng"), max_length=255, help_text=_("Địa chỉ IP hoặc tài khoản gây ra cảnh báo.")
    )
    ip_addresses = models.JSONField(_("địa chỉ IP"), default=list)
    usernames = models.JSONField(_("tài khoản"), default=list)
    count = models.PositiveIntegerField(_("số lần"), default=1)

    class Meta:
        verbose_name = _("cảnh báo an ninh")
        verbose_name_plural = _("cảnh báo an ninh")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"
