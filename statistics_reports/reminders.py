"""Reminders of reporting deadlines, e-mailed by the daily command
``send_report_reminders``: a few days before the deadline to units that have not
sent their report, and every day after it until they do."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import access, log_actions
from .models import EDITABLE_STATUSES, UnitReport

DAYS_BEFORE = (7, 3, 1)


def due_reports(today):
    """(report, days left) of every unsent report due in DAYS_BEFORE days or overdue."""
    reports = UnitReport.objects.filter(
        status__in=EDITABLE_STATUSES, period__deadline__lte=today + datetime.timedelta(days=max(DAYS_BEFORE))
    )
    for report in reports.select_related("unit", "period").order_by("period__deadline", "unit__name"):
        left = (report.period.deadline - today).days
        if left in DAYS_BEFORE or left < 0:
            yield report, left


def recipients(unit_ids):
    """{unit id: [e-mail addresses]} of the units' reporting staff (active accounts)."""
    rows = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__unit_role__unit_id__in=unit_ids,
            groups__unit_role__role__in=access.REPORTING_ROLES,
        )
        .exclude(email="")
        .values_list("groups__unit_role__unit_id", "email")
        .distinct()
    )
    found = {}
    for unit_id, email in rows:
        found.setdefault(unit_id, []).append(email)
    return found


def send_reminders(today=None, base_url=""):
    """Send the day's reminders; returns how many e-mails went out."""
    today = today or timezone.localdate()
    due = list(due_reports(today))
    addresses = recipients({report.unit_id for report, _left in due})
    messages = []
    for report, left in due:
        to = addresses.get(report.unit_id) or ([report.unit.email] if report.unit.email else [])
        if not to:
            continue
        values = {
            "unit": report.unit.name,
            "period": report.period.title,
            "deadline": f"{report.period.deadline:%d/%m/%Y}",
            "days": abs(left),
        }
        if left >= 0:
            subject = _("Nhắc hạn báo cáo: %(period)s (còn %(days)s ngày)") % values
            body = (
                _("Báo cáo “%(period)s” của %(unit)s phải gửi trước ngày %(deadline)s (còn %(days)s ngày).")
                % values
            )
        else:
            subject = _("Báo cáo quá hạn: %(period)s") % values
            body = (
                _(
                    "Báo cáo “%(period)s” của %(unit)s đã quá hạn %(days)s ngày (hạn %(deadline)s). Đề nghị gửi ngay."
                )
                % values
            )
        url = f"{base_url}/admin/thong-ke/bao-cao/{report.pk}/"
        body += "\n\n" + _("Nhập và gửi báo cáo tại: %(url)s") % {"url": url}
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to))
        log(instance=report, action=log_actions.REMIND, data={"days_left": left})
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
