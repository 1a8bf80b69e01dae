"""The province's editors of report forms and periods (Wagtail model viewsets),
open to its reporting staff and system administrators only."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from multisite.models import UnitKind

from . import access, services
from .forms import PeriodAdminForm, ReportFormAdminForm
from .models import ReportForm, ReportingPeriod


class ManagerPolicy(BasePermissionPolicy):
    """Every action for the province's reporting staff; nothing for anyone else."""

    def user_has_permission(self, user, action):
        return access.can_manage(user)

    def user_has_any_permission(self, user, actions):
        return access.can_manage(user)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        return User.objects.filter(is_active=True).filter(is_superuser=True) | User.objects.filter(
            is_active=True,
            groups__unit_role__unit__kind=UnitKind.PROVINCE,
            groups__unit_role__role__in=access.REPORTING_ROLES,
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


ReportForm.base_form_class = ReportFormAdminForm
ReportForm.panels = [
    FieldRowPanel([FieldPanel("title"), FieldPanel("code")]),
    FieldPanel("unit_kinds"),
    FieldPanel("description"),
    InlinePanel(
        "indicators",
        heading=_("Chỉ tiêu"),
        label=_("Chỉ tiêu"),
        panels=[
            FieldRowPanel([FieldPanel("section"), FieldPanel("code")]),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("unit_of_measure"), FieldPanel("required")]),
            FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value")]),
            FieldRowPanel([FieldPanel("source"), FieldPanel("public")]),
            FieldPanel("help_text"),
        ],
    ),
]

ReportingPeriod.base_form_class = PeriodAdminForm
ReportingPeriod.panels = [
    FieldRowPanel([FieldPanel("form"), FieldPanel("kind")]),
    FieldPanel("title"),
    FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("deadline")]),
    MultiFieldPanel(
        [FieldPanel("units"), FieldPanel("indicators"), FieldPanel("request_note")],
        heading=_("Báo cáo đột xuất"),
    ),
    FieldPanel("published"),
]


class ReportFormViewSet(ModelViewSet):
    model = ReportForm
    icon = "form"
    menu_label = _("Biểu mẫu báo cáo")
    add_to_admin_menu = False
    list_display = [
        "title",
        "code",
        "version",
        Column("is_used", label=_("Đã dùng"), accessor=lambda f: "✓" if f.is_used else ""),
    ]
    search_fields = ["title", "code"]
    inspect_view_enabled = True


class PeriodCreateView(CreateView):
    """Saving a new period opens it: one report per unit that must report."""

    def save_instance(self):
        period = super().save_instance()
        period.created_by = self.request.user
        period.save(update_fields=["created_by"])
        services.open_period(period, self.request.user)
        return period


class ReportingPeriodViewSet(ModelViewSet):
    model = ReportingPeriod
    icon = "date"
    menu_label = _("Kỳ báo cáo")
    add_to_admin_menu = False
    add_view_class = PeriodCreateView
    list_display = ["title", "kind", "form", "start", "end", "deadline", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return ReportingPeriod.objects.select_related("form")


register_permission_policy(ReportForm, ManagerPolicy(ReportForm))
register_permission_policy(ReportingPeriod, ManagerPolicy(ReportingPeriod))

form_viewset = ReportFormViewSet("statistics_reports_forms", url_prefix="bao-cao-thong-ke/bieu-mau")
period_viewset = ReportingPeriodViewSet(
    "statistics_reports_periods", url_prefix="bao-cao-thong-ke/ky-bao-cao"
)
