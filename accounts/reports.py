"""Admin reports on the account audit trail: "Lịch sử đăng nhập" and "Nhật ký quản trị".

System administrators see every event; a unit administrator sees the events
about the people of the units they manage (their own and those below it).
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from multisite.models import Unit
from multisite.scoping import managed_unit_ids

from .models import LOGIN_ACTIONS, AuthAction, AuthEvent

User = get_user_model()


def can_view_reports(user):
    return user.is_authenticated and (user.is_superuser or bool(managed_unit_ids(user)))


def visible_events(user):
    """The audit events ``user`` may read."""
    events = AuthEvent.objects.select_related("actor", "target", "unit")
    if user.is_superuser:
        return events
    ids = managed_unit_ids(user)
    return events.filter(Q(unit_id__in=ids) | Q(target__staff_profile__unit_id__in=ids)).distinct()


def _visible_units(request):
    return Unit.objects.filter(pk__in=managed_unit_ids(request.user)).order_by("name")


def _visible_users(request):
    users = User._default_manager.order_by("username")
    if request.user.is_superuser:
        return users
    return users.filter(staff_profile__unit_id__in=managed_unit_ids(request.user), is_superuser=False)


class AuthEventFilterSet(WagtailFilterSet):
    timestamp = django_filters.DateFromToRangeFilter(label=_("Thời gian"), widget=DateRangePickerWidget)
    action = django_filters.ChoiceFilter(label=_("Hành động"), empty_label=_("Tất cả"))
    target = django_filters.ModelChoiceFilter(
        label=_("Tài khoản"), empty_label=_("Tất cả"), queryset=_visible_users
    )
    username = django_filters.CharFilter(label=_("Tên đăng nhập chứa"), lookup_expr="icontains")
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị"), empty_label=_("Tất cả"), queryset=_visible_units, method="filter_unit"
    )

    action_choices = AuthAction.choices

    class Meta:
        model = AuthEvent
        fields = ["timestamp", "action", "target", "username", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["action"].extra["choices"] = self.action_choices

    def filter_unit(self, queryset, name, value):
        return queryset.filter(Q(unit=value) | Q(target__staff_profile__unit=value)).distinct()


class LoginHistoryFilterSet(AuthEventFilterSet):
    action_choices = [(a.value, a.label) for a in LOGIN_ACTIONS]


class AdminLogFilterSet(AuthEventFilterSet):
    action_choices = [(a.value, a.label) for a in AuthAction if a not in LOGIN_ACTIONS]


class AuthEventReportView(ReportView):
    """Shared listing and export of audit events."""

    header_icon = "history"
    model = AuthEvent
    actions = ()
    list_export = [
        "time_display",
        "action_display",
        "username",
        "actor_display",
        "unit_display",
        "ip_address",
        "user_agent",
        "changes_text",
    ]
    export_headings = {
        "time_display": _("Thời điểm"),
        "action_display": _("Hành động"),
        "username": _("Tài khoản"),
        "actor_display": _("Người thực hiện"),
        "unit_display": _("Đơn vị"),
        "ip_address": _("Địa chỉ IP"),
        "user_agent": _("Trình duyệt"),
        "changes_text": _("Giá trị cũ → mới"),
    }
    columns = [
        Column("time_display", label=_("Thời điểm")),
        Column("action_display", label=_("Hành động")),
        Column("username", label=_("Tài khoản")),
        Column("actor_display", label=_("Người thực hiện")),
        Column("unit_display", label=_("Đơn vị")),
        Column("ip_address", label=_("Địa chỉ IP")),
        Column("changes_text", label=_("Giá trị cũ → mới")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return visible_events(self.request.user).filter(action__in=self.actions)

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"


class LoginHistoryView(AuthEventReportView):
    page_title = _("Lịch sử đăng nhập")
    header_icon = "key"
    filterset_class = LoginHistoryFilterSet
    index_url_name = "accounts_reports:login_history"
    index_results_url_name = "accounts_reports:login_history_results"
    export_filename = "lich-su-dang-nhap"
    actions = [a.value for a in LOGIN_ACTIONS]
    list_export = AuthEventReportView.list_export
    columns = AuthEventReportView.columns[:-1] + [Column("user_agent", label=_("Trình duyệt"))]


class AdminLogView(AuthEventReportView):
    page_title = _("Nhật ký quản trị")
    filterset_class = AdminLogFilterSet
    index_url_name = "accounts_reports:admin_log"
    index_results_url_name = "accounts_reports:admin_log_results"
    export_filename = "nhat-ky-quan-tri"
    actions = [a.value for a in AuthAction if a not in LOGIN_ACTIONS]
    results_template_name = "accounts/reports/admin_log_results.html"
