"""The log actions of a report's life (Wagtail's log actions: shown in the
report's history and the site history report)."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

OPEN_PERIOD = "statistics_reports.open_period"
SAVE = "statistics_reports.save"
SUBMIT = "statistics_reports.submit"
RETURN = "statistics_reports.return"
ACCEPT = "statistics_reports.accept"
REOPEN = "statistics_reports.reopen"
NEW_VERSION = "statistics_reports.new_version"
REMIND = "statistics_reports.remind"

LABELS = {
    OPEN_PERIOD: _("Mở kỳ báo cáo"),
    SAVE: _("Lưu số liệu báo cáo"),
    SUBMIT: _("Gửi báo cáo"),
    RETURN: _("Trả lại báo cáo"),
    ACCEPT: _("Tiếp nhận báo cáo"),
    REOPEN: _("Mở lại báo cáo"),
    NEW_VERSION: _("Tạo phiên bản mới của biểu mẫu"),
    REMIND: _("Nhắc hạn báo cáo"),
}


class ReportFormatter(LogFormatter):
    def format_message(self, log_entry):
        comment = log_entry.data.get("comment", "")
        label = str(self.label)
        return f"{label}. {_('Ý kiến')}: {comment}" if comment else label


def register(actions):
    """Called by the ``register_log_actions`` hook (wagtail_hooks.py)."""
    for action, label in LABELS.items():
        actions.register_action(action)(type(f"Formatter_{action}", (ReportFormatter,), {"label": label}))
