"""Admin of statistics reports: URLs, the menu, the form and period editors,
the log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import access, log_actions, views
from .viewsets import form_viewset, period_viewset


@hooks.register("register_log_actions")
def register_report_log_actions(registry):
    log_actions.register(registry)


@hooks.register("register_admin_viewset")
def register_form_viewset():
    return form_viewset


@hooks.register("register_admin_viewset")
def register_period_viewset():
    return period_viewset


# Reports are read up the tree (a parent reads its children's), which the admin's
# generic guard on ``pk`` (multisite.admin_isolation: own units only) would refuse;
# the report views take ``report_id`` and check statistics_reports.access themselves.
app_urls = [
    path("", views.ReportListView.as_view(), name="index"),
    path("bao-cao/<int:report_id>/", views.ReportView.as_view(), name="report"),
    path("bao-cao/<int:report_id>/xem-xet/", views.ReviewView.as_view(), name="review"),
    path("bao-cao/<int:report_id>/mo-lai/", views.ReopenView.as_view(), name="reopen"),
    path("tep/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    path("tong-hop/", views.DashboardView.as_view(), name="dashboard"),
    path("tong-hop/<int:pk>/", views.DashboardView.as_view(), name="dashboard_period"),
    path("xuat-excel/<int:pk>/", views.ExportView.as_view(), name="export"),
    path("bieu-mau/<int:pk>/phien-ban-moi/", views.NewVersionView.as_view(), name="new_version"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("thong-ke/", include((app_urls, "statistics_reports"), namespace="statistics_reports"))]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.has_access(request.user)


class ManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_manage(request.user)


class ReportsSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return access.has_access(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu():
    menu = Menu(
        items=[
            ReportsMenuItem(
                _("Báo cáo của đơn vị"), reverse("statistics_reports:index"), icon_name="doc-full", order=10
            ),
            ReportsMenuItem(
                _("Bảng tổng hợp"), reverse("statistics_reports:dashboard"), icon_name="table", order=20
            ),
            ManagerMenuItem(
                _("Kỳ báo cáo"), reverse("statistics_reports_periods:index"), icon_name="date", order=30
            ),
            ManagerMenuItem(
                _("Biểu mẫu báo cáo"), reverse("statistics_reports_forms:index"), icon_name="form", order=40
            ),
        ]
    )
    return ReportsSubmenu(_("Báo cáo thống kê"), menu, icon_name="table", name="bao-cao-thong-ke", order=260)
