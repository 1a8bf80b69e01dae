"""Warnings of possible illegitimate access, for the system administrators.

Three signs raise an alert: a lockout (axes), failed sign-ins for several
different accounts from one address (someone trying names), and a burst of
refused admin requests by one address or account (someone probing other
units' objects). An alert is e-mailed to every active system administrator
(and INTRUSION_ALERT_EMAILS) and listed on their dashboard, with the
addresses and accounts involved. Thresholds are settings (INTRUSION_*); one
alert per kind and address per cooldown keeps an attack from flooding mailboxes.
"""

import datetime
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from .audit import record
from .context import client_ip
from .models import AlertKind, AuthAction, AuthEvent, SecurityAlert

logger = logging.getLogger(__name__)
# What wagtail.admin.auth.permission_denied tells the user (msgid of Wagtail's catalogue).
WAGTAIL_DENIAL_MESSAGE = "Sorry, you do not have permission to access this area."


def _since(minutes):
    return timezone.now() - datetime.timedelta(minutes=minutes)


def raise_alert(kind, subject, ip_addresses=(), usernames=(), count=1):
    """Record and send one alert, unless the same one was raised within the cooldown."""
    subject = (subject or "?")[:255]
    if SecurityAlert.objects.filter(
        kind=kind, subject=subject, created_at__gte=_since(settings.INTRUSION_ALERT_COOLDOWN_MINUTES)
    ).exists():
        return None
    alert = SecurityAlert.objects.create(
        kind=kind,
        subject=subject,
        ip_addresses=sorted({ip for ip in ip_addresses if ip}),
        usernames=sorted({name for name in usernames if name})[:50],
        count=count,
    )
    _send(alert)
    return alert


def _recipients():
    admins = get_user_model()._default_manager.filter(is_superuser=True, is_active=True).exclude(email="")
    return sorted(set(admins.values_list("email", flat=True)) | set(settings.INTRUSION_ALERT_EMAILS))


def _send(alert):
    recipients = _recipients()
    if not recipients:
        return
    lines = [
        _("Cảnh báo an ninh: %(kind)s.") % {"kind": alert.get_kind_display()},
        _("Thời điểm: %(time)s")
        % {"time": timezone.localtime(alert.created_at).strftime("%d/%m/%Y %H:%M:%S")},
        _("Địa chỉ IP: %(ips)s") % {"ips": ", ".join(alert.ip_addresses) or "—"},
        _("Tài khoản: %(names)s") % {"names": ", ".join(alert.usernames) or "—"},
        _("Số lần: %(count)d") % {"count": alert.count},
        "",
        _("Xem chi tiết trong Báo cáo → Lịch sử đăng nhập của trang quản trị."),
    ]
    try:
        send_mail(
            _("[PBGDPL] Cảnh báo an ninh: %(kind)s – %(subject)s")
            % {"kind": alert.get_kind_display(), "subject": alert.subject},
            "\n".join(lines),
            None,
            recipients,
        )
    except Exception:  # noqa: BLE001 - the alert stays on the dashboard even if mail fails
        logger.exception("Could not e-mail security alert %s", alert.pk)


def on_lockout(username, ip_address):
    raise_alert(AlertKind.LOCKOUT, ip_address or username, [ip_address], [username])


def on_failed_login(ip_address):
    """Several different accounts failing from one address within the window."""
    if not ip_address:
        return
    recent = AuthEvent.objects.filter(
        action=AuthAction.LOGIN_FAILED,
        ip_address=ip_address,
        timestamp__gte=_since(settings.INTRUSION_FAILED_WINDOW_MINUTES),
    )
    names = set(recent.values_list("username", flat=True))
    if len(names) >= settings.INTRUSION_FAILED_ACCOUNTS:
        raise_alert(AlertKind.FAILED_LOGINS, ip_address, [ip_address], names, count=recent.count())


def on_denial(request):
    """Record a refused admin request; alert on a burst by one address or account."""
    user = getattr(request, "user", None)
    event = record(
        AuthAction.PERMISSION_DENIED,
        request=request,
        username=user.get_username() if user is not None and user.is_authenticated else "",
        changes={"path": request.path[:500]},
    )
    if event is None:
        return
    recent = AuthEvent.objects.filter(
        action=AuthAction.PERMISSION_DENIED, timestamp__gte=_since(settings.INTRUSION_DENIALS_WINDOW_MINUTES)
    )
    for field, value in (("ip_address", event.ip_address), ("actor_id", event.actor_id)):
        if value is None:
            continue
        burst = recent.filter(**{field: value})
        count = burst.count()
        if count >= settings.INTRUSION_DENIALS:
            # One alert per burst: by address, or by account when it moves between addresses.
            return raise_alert(
                AlertKind.DENIALS,
                event.ip_address if field == "ip_address" else event.username,
                set(burst.values_list("ip_address", flat=True)),
                set(burst.values_list("username", flat=True)),
                count=count,
            )


def recent_alerts(days=7):
    return SecurityAlert.objects.filter(created_at__gte=timezone.now() - datetime.timedelta(days=days))


class DenialMiddleware:
    """Notice refused admin requests: a 403, or Wagtail's "no permission" redirect
    to the dashboard (what the admin answers when a view raises PermissionDenied)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/") and client_ip(request) and self.is_denial(request, response):
            on_denial(request)
        return response

    @staticmethod
    def is_denial(request, response):
        if response.status_code == 403:
            return True
        if response.status_code != 302 or response.get("Location") != reverse("wagtailadmin_home"):
            return False
        storage = messages.get_messages(request)
        denied = {WAGTAIL_DENIAL_MESSAGE, gettext(WAGTAIL_DENIAL_MESSAGE).strip()}
        found = any(str(message).strip() in denied for message in storage)
        storage.used = False  # reading them must not hide them from the dashboard
        return found


class SecurityAlertsPanel(Component):
    """Dashboard panel for system administrators: the alerts of the last days."""

    name = "security_alerts"
    template_name = "accounts/panels/security_alerts.html"
    order = 40

    def __init__(self, alerts):
        self.alerts = alerts

    def get_context_data(self, parent_context):
        return {"alerts": self.alerts}
