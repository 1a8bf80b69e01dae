"""Admin registrations: audit reports, sign-in locks, two-factor pages, upload checks."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import reports, two_factor, views
from .reports import can_view_reports


class AccountsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


report_urls = [
    path("login-history/", reports.LoginHistoryView.as_view(), name="login_history"),
    path(
        "login-history/results/",
        reports.LoginHistoryView.as_view(results_only=True),
        name="login_history_results",
    ),
    path("admin-log/", reports.AdminLogView.as_view(), name="admin_log"),
    path("admin-log/results/", reports.AdminLogView.as_view(results_only=True), name="admin_log_results"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("reports/accounts/", include((report_urls, "accounts_reports"))),
        path("accounts/locks/", views.LockListView.as_view(), name="accounts_locks"),
        path("accounts/locks/<int:pk>/unlock/", views.unlock_view, name="accounts_unlock"),
        path("account/two-factor/", two_factor.setup_view, name="accounts_2fa_setup"),
        path("login/two-factor/", two_factor.verify_view, name="accounts_2fa_verify"),
    ]


@hooks.register("register_reports_menu_item")
def login_history_menu_item():
    return AccountsReportMenuItem(
        _("Lịch sử đăng nhập"), reverse("accounts_reports:login_history"), icon_name="key", order=900
    )


@hooks.register("register_reports_menu_item")
def admin_log_menu_item():
    return AccountsReportMenuItem(
        _("Nhật ký quản trị"), reverse("accounts_reports:admin_log"), icon_name="history", order=901
    )


@hooks.register("register_reports_menu_item")
def locks_menu_item():
    return AccountsReportMenuItem(_("Khóa đăng nhập"), reverse("accounts_locks"), icon_name="lock", order=902)


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts_2fa_setup"),
        "label": _("Xác thực hai bước"),
        "help_text": _("Bật mã xác thực một lần (TOTP) từ ứng dụng trên điện thoại."),
    }


@hooks.register("before_bulk_action")
def guard_user_bulk_actions(request, action_type, objects, action_class_instance):
    """Wagtail's user bulk actions do not know about units: a unit administrator may
    only (de)activate their own people; nobody bulk-deletes accounts with history."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    from multisite.admin_users import manageable_users

    from .lifecycle import has_history

    User = get_user_model()
    if User not in getattr(action_class_instance, "models", []):
        return None
    user = request.user
    if not user.is_superuser:
        allowed = set(manageable_users(user).values_list("pk", flat=True))
        if action_type != "set_active_state" or any(obj.pk not in allowed for obj in objects):
            raise PermissionDenied
    elif action_type == "delete" and any(has_history(obj) for obj in objects):
        raise PermissionDenied
    return None


@hooks.register("refuse_user_deletion")
def keep_accounts_with_history(user):
    """An account with a history is deactivated, never deleted (the trail keeps its name)."""
    from .lifecycle import has_history

    if has_history(user):
        return _(
            "Không xóa tài khoản “%(user)s” vì tài khoản đã có lịch sử hoạt động; "
            "hãy ngừng kích hoạt tài khoản thay vì xóa."
        ) % {"user": user.get_username()}
    return None


@hooks.register("construct_homepage_panels")
def add_security_alerts_panel(request, panels):
    """System administrators see the week's intrusion warnings first."""
    if not request.user.is_superuser:
        return
    from .intrusion import SecurityAlertsPanel, recent_alerts

    alerts = list(recent_alerts()[:20])
    if alerts:
        panels.insert(0, SecurityAlertsPanel(alerts))
