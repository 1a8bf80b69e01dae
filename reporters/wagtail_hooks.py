"""Admin of the register: unit-scoped snippets with filters, Excel export and import."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView

from multisite.viewsets import UnitOwnedSnippetViewSet, register_unit_owned_snippet

from . import views
from .models import Activity, Person


class PersonIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.add_url:
            buttons.append(
                HeaderButton(
                    _("Nhập từ Excel"),
                    url=reverse("wagtailsnippets_reporters_person:import"),
                    icon_name="upload",
                )
            )
        return buttons


class PersonViewSet(UnitOwnedSnippetViewSet):
    model = Person
    icon = "group"
    index_view_class = PersonIndexView
    list_display = ["full_name", "kind", "unit", "level", "decision_number", "status"]
    list_filter = ["unit", "kind", "status", "level", "fields"]
    list_per_page = 50
    search_fields = ["full_name", "decision_number", "agency"]
    search_backend_name = None
    ordering = ["name_key"]
    list_export = [
        "full_name",
        "get_kind_display",
        "unit",
        "get_level_display",
        "decision_number",
        "decision_date",
        "decision_issuer",
        "agency",
        "position",
        "fields_display",
        "get_status_display",
        "status_date",
        "status_reason",
        "phone",
        "email",
        "address",
        "contact_public",
    ]
    export_headings = {
        "full_name": _("Họ và tên"),
        "get_kind_display": _("Loại"),
        "unit": _("Đơn vị"),
        "get_level_display": _("Cấp công nhận"),
        "decision_number": _("Số quyết định công nhận"),
        "decision_date": _("Ngày quyết định"),
        "decision_issuer": _("Cơ quan ra quyết định"),
        "agency": _("Cơ quan công tác"),
        "position": _("Chức vụ"),
        "fields_display": _("Lĩnh vực"),
        "get_status_display": _("Tình trạng"),
        "status_date": _("Ngày thay đổi tình trạng"),
        "status_reason": _("Lý do"),
        "phone": _("Điện thoại"),
        "email": _("Thư điện tử"),
        "address": _("Địa chỉ"),
        "contact_public": _("Đồng ý công khai liên hệ"),
    }
    export_filename = "danh-sach-bao-cao-vien-tuyen-truyen-vien"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("fields")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("import/", views.ImportView.as_view(), name="import"),
            path("import/template/", views.download_template, name="import_template"),
            path("import/jobs/<int:pk>/", views.ImportJobView.as_view(), name="import_job"),
        ]


class ActivityViewSet(UnitOwnedSnippetViewSet):
    model = Activity
    icon = "date"
    list_display = ["date", "topic", "person", "form", "audience", "unit"]
    list_filter = ["unit", "form", "date"]
    list_per_page = 50
    search_fields = ["topic", "person__full_name", "place"]
    search_backend_name = None
    list_export = ["date", "topic", "person", "unit", "get_form_display", "place", "audience", "target_group"]
    export_headings = {
        "date": _("Ngày thực hiện"),
        "topic": _("Chủ đề, nội dung"),
        "person": _("Người thực hiện"),
        "unit": _("Đơn vị"),
        "get_form_display": _("Hình thức"),
        "place": _("Địa điểm"),
        "audience": _("Số người nghe"),
        "target_group": _("Đối tượng"),
    }
    export_filename = "hoat-dong-bao-cao-vien-tuyen-truyen-vien"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


register_unit_owned_snippet(PersonViewSet)
register_unit_owned_snippet(ActivityViewSet)
